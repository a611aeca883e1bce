package io.rollwright.worker.extension;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Unleash feature-flag router under {@code rollwright.unleash.*}, used when {@code url} is set.
 *
 * @param url the Unleash server's base URL ({@code https://unleash.example.com})
 * @param token an admin API token (or a personal access token) allowed to update the flags, from a
 *     Secret
 * @param project the Unleash project of the flags (default {@code default})
 * @param flags each service's flag, where it is not named after the service
 * @param environments each release environment's Unleash environment, where the names differ
 * @param stickiness the context field that keeps a user on one side (default {@code userId})
 * @param onRollback {@code zero} (the default: the rollout goes to 0%) or {@code disable} (the flag
 *     is turned off in the environment)
 * @param timeout how long one call may take
 */
@ConfigurationProperties("rollwright.unleash")
public record UnleashProperties(
    URI url,
    String token,
    String project,
    Map<String, String> flags,
    Map<String, String> environments,
    String stickiness,
    String onRollback,
    Duration timeout) {
  public UnleashProperties {
    project = project == null || project.isBlank() ? "default" : project;
    flags = flags == null ? Map.of() : Map.copyOf(flags);
    environments = environments == null ? Map.of() : Map.copyOf(environments);
    stickiness = stickiness == null || stickiness.isBlank() ? "userId" : stickiness;
    onRollback = onRollback == null || onRollback.isBlank() ? "zero" : onRollback;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }
}
