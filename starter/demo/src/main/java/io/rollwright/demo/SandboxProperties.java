package io.rollwright.demo;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sandbox's settings under {@code rollwright.sandbox.*}, read only under the {@code sandbox}
 * profile.
 *
 * @param journal file the sandbox cluster appends its action log to and reloads it from, optional
 * @param actionDelay how long each sandbox traffic or workload action takes
 * @param metrics metric scripts, each {@code <service> <canary|stable> <metric> = <script>}, e.g.
 *     {@code payments canary error-rate = 0.002, 20s: 0.18}; {@code <service>@<environment>}
 *     scripts that service's releases to one environment only
 * @param failures injected action failures, each {@code <service> <action> <times>}, e.g. {@code
 *     payments route-all-to-stable 3}: to rehearse a rollback that cannot finish
 * @param measureDelay how long each sandbox metric read takes (pre-flight checks and analysis
 *     samples)
 */
@ConfigurationProperties("rollwright.sandbox")
public record SandboxProperties(
    String journal,
    Duration actionDelay,
    List<String> metrics,
    List<String> failures,
    Duration measureDelay) {
  public SandboxProperties {
    actionDelay = actionDelay == null ? Duration.ZERO : actionDelay;
    measureDelay = measureDelay == null ? Duration.ZERO : measureDelay;
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    failures = failures == null ? List.of() : List.copyOf(failures);
  }
}
