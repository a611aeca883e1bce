package io.rollwright.demo;

import io.rollwright.worker.RollwrightWorkerApplication;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The worker on the sandbox (no cluster, synthetic metrics). With no arguments it runs the demo on
 * an embedded Temporal service (profile {@code demo}); with {@code worker} it is a sandbox worker
 * for a real Temporal service, for trying Rollwright out and for the system tests. Production runs
 * {@code rollwright-worker.jar}, which holds no sandbox.
 */
@SpringBootApplication(
    scanBasePackageClasses = {RollwrightWorkerApplication.class, RollwrightDemoApplication.class})
public class RollwrightDemoApplication {
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(RollwrightDemoApplication.class);
    app.setAdditionalProfiles(
        Arrays.asList(args).contains("worker")
            ? new String[] {"sandbox"}
            : new String[] {"sandbox", "demo"});
    app.run(args);
  }
}
