package io.rollwright.activities.traffic.unleash;

import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.PreflightSettings;
import io.temporal.failure.ApplicationFailure;

/**
 * {@code unleash}: a release through the Unleash router can run. The worker's token is accepted,
 * the flag exists in the project and has the environment. A release through another router passes.
 */
final class UnleashCheck implements PreflightCheck {
  private final UnleashRouter router;
  private final UnleashFlags flags;

  UnleashCheck(UnleashRouter router, UnleashFlags flags) {
    this.router = router;
    this.flags = flags;
  }

  @Override
  public String name() {
    return Unleash.ROUTER;
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings settings) {
    TrafficTarget t = TrafficTarget.of(release.request(), release.policy().router());
    if (!Unleash.ROUTER.equals(t.router())) {
      return new PreflightResult(name(), true, "not released through " + Unleash.ROUTER);
    }
    try {
      UnleashState s = router.state(t);
      return new PreflightResult(
          name(),
          true,
          flags.where(t)
              + (s.enabled() ? " is on" : " is off")
              + ", rolled out to "
              + s.weight()
              + "%");
    } catch (ApplicationFailure e) {
      if (e.isNonRetryable()) {
        return new PreflightResult(name(), false, e.getOriginalMessage());
      }
      throw e;
    }
  }
}
