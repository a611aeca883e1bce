package io.rollwright.demo;

import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The sandbox — a cluster that only logs its traffic actions, and synthetic metrics — offered as
 * router, workload manager and metric provider {@code sandbox}, and made the defaults by {@code
 * application-sandbox.yaml}. Only under the Spring profile {@code sandbox}, which the demo turns
 * on: a production worker never analyses a canary with made-up numbers.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxConfiguration {

  @Bean
  Sandbox sandbox(ActivityClock clock, SandboxProperties settings) {
    Sandbox sandbox =
        new Sandbox(
            clock,
            settings.journal() == null ? null : Path.of(settings.journal()),
            settings.actionDelay(),
            settings.measureDelay());
    for (String script : settings.metrics()) {
      String[] sides = script.split("=", 2);
      String[] what = sides[0].trim().split("\\s+", -1);
      if (sides.length != 2 || what.length != 3) {
        throw new IllegalArgumentException(
            "rollwright.sandbox.metrics: '"
                + script
                + "' is not '<service> <canary|stable> <metric> = <script>'");
      }
      sandbox
          .metrics()
          .script(
              what[0], Track.valueOf(what[1].toUpperCase(Locale.ROOT)), what[2], sides[1].trim());
    }
    for (String failure : settings.failures()) {
      String[] what = failure.trim().split("\\s+", -1);
      if (what.length != 3 || !what[2].matches("\\d+")) {
        throw new IllegalArgumentException(
            "rollwright.sandbox.failures: '" + failure + "' is not '<service> <action> <times>'");
      }
      sandbox.cluster().failNext(what[0], what[1], Integer.parseInt(what[2]));
    }
    return sandbox;
  }
}
