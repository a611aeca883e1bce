package io.rollwright.activities.traffic.unleash;

import io.rollwright.api.TrafficTarget;
import java.util.Map;

/**
 * Which Unleash flag each service's releases roll out, and where: {@code flags} maps a service to
 * its flag (the service's own name when absent), {@code environments} a release environment to an
 * Unleash environment (the same name when absent), all in {@code project}. {@code stickiness} is
 * the context field that keeps a user on one side ({@code userId}); {@code disableOnRollback} turns
 * the flag off in the environment on a rollback, where by default its rollout goes to 0%.
 */
public record UnleashFlags(
    String project,
    Map<String, String> flags,
    Map<String, String> environments,
    String stickiness,
    boolean disableOnRollback) {
  /** The title that marks the strategy Rollwright owns on a flag. */
  static final String TITLE = "rollwright";

  public UnleashFlags {
    flags = Map.copyOf(flags);
    environments = Map.copyOf(environments);
  }

  String flag(TrafficTarget t) {
    return flags.getOrDefault(t.service(), t.service());
  }

  String environment(TrafficTarget t) {
    return environments.getOrDefault(t.environment(), t.environment());
  }

  /** {@code flag-name in project/environment}, for messages. */
  String where(TrafficTarget t) {
    return "flag " + flag(t) + " in " + project + "/" + environment(t);
  }
}
