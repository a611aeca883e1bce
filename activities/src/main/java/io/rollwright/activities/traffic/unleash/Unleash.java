package io.rollwright.activities.traffic.unleash;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.RouterExtensionSet;
import java.net.URI;
import java.time.Duration;

/**
 * The Unleash extension set: the {@code unleash} router, which turns stage weights into a feature
 * flag's gradual rollout through Unleash's Admin API, its workload manager and the {@code unleash}
 * pre-flight check.
 */
public final class Unleash {
  public static final String ROUTER = "unleash";

  private Unleash() {}

  /**
   * The set for {@code flags} on the Unleash at {@code url}, as the admin API {@code token}, each
   * call given {@code timeout}.
   */
  public static ExtensionSet of(URI url, String token, Duration timeout, UnleashFlags flags) {
    UnleashRouter router = new UnleashRouter(new UnleashAdmin(url, token, timeout), flags);
    return new RouterExtensionSet(
        ROUTER, router, new UnleashWorkloads(router), new UnleashCheck(router, flags));
  }
}
