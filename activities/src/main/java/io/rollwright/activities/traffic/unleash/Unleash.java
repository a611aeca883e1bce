package io.rollwright.activities.traffic.unleash;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.activities.traffic.WorkloadManager;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Unleash extension set: the {@code unleash} router, which turns stage weights into a feature
 * flag's gradual rollout through Unleash's Admin API, its workload manager and the {@code unleash}
 * pre-flight check.
 */
public final class Unleash implements ExtensionSet {
  public static final String ROUTER = "unleash";

  private final UnleashRouter router;
  private final UnleashWorkloads workloads;
  private final UnleashCheck check;

  /**
   * The set for {@code flags} on the Unleash at {@code url}, as the admin API {@code token}, each
   * call given {@code timeout}.
   */
  public Unleash(URI url, String token, Duration timeout, UnleashFlags flags) {
    UnleashAdmin admin = new UnleashAdmin(url, token, timeout);
    this.router = new UnleashRouter(admin, flags);
    this.workloads = new UnleashWorkloads(router);
    this.check = new UnleashCheck(router, flags);
  }

  @Override
  public Map<String, TrafficRouter> routers() {
    return Map.of(ROUTER, router);
  }

  @Override
  public Map<String, WorkloadManager> workloads() {
    return Map.of(ROUTER, workloads);
  }

  @Override
  public List<PreflightCheck> preflightChecks() {
    return List.of(check);
  }
}
