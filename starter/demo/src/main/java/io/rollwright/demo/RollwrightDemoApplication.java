package io.rollwright.demo;

import io.rollwright.worker.RollwrightWorkerApplication;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The worker on the sandbox (no cluster, synthetic metrics). With no arguments it runs the demo on
 * an embedded Temporal service (profile {@code demo}); with {@code platforms}, the demo of one
 * version released to the web, the desktop and Android through stand-ins of their platforms
 * (profile {@code platforms} too); with {@code worker} it is a sandbox worker for a real Temporal
 * service, for trying Rollwright out and for the system tests. Production runs {@code
 * rollwright-worker.jar}, which holds no sandbox.
 */
@SpringBootApplication(
    scanBasePackageClasses = {RollwrightWorkerApplication.class, RollwrightDemoApplication.class})
public class RollwrightDemoApplication {
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(RollwrightDemoApplication.class);
    List<String> options = Arrays.asList(args);
    app.setAdditionalProfiles(
        options.contains("worker")
            ? new String[] {"sandbox"}
            : options.contains("platforms")
                ? new String[] {"sandbox", "demo", "platforms"}
                : new String[] {"sandbox", "demo"});
    app.run(args);
  }
}
