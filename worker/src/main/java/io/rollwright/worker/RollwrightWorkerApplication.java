package io.rollwright.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The Rollwright worker: runs release workflows and their activities on task queue {@code
 * releases}, with the traffic routers and metric providers its settings name. The demo and the
 * sandbox live in {@code rollwright-demo.jar}, never here.
 */
@SpringBootApplication
@EnableConfigurationProperties(RollwrightProperties.class)
public class RollwrightWorkerApplication {
  public static void main(String[] args) {
    SpringApplication.run(RollwrightWorkerApplication.class, args);
  }
}
