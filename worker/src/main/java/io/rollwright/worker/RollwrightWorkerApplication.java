package io.rollwright.worker;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The Rollwright worker: runs release workflows and their activities on task queue {@code releases}.
 * {@code java -jar rollwright-worker.jar demo} runs the demo on an embedded Temporal service instead, with
 * the sandbox (the {@code demo} profile includes {@code sandbox}).
 */
@SpringBootApplication
@EnableConfigurationProperties(RollwrightProperties.class)
public class RollwrightWorkerApplication {
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(RollwrightWorkerApplication.class);
    if (Arrays.asList(args).contains("demo")) {
      app.setAdditionalProfiles("demo");
    }
    app.run(args);
  }
}
