package io.rollwright.activities.traffic.unleash;

import io.rollwright.activities.traffic.RouterCheck;
import io.rollwright.api.TrafficTarget;

/**
 * {@code unleash}: a release through the Unleash router can run. The worker's token is accepted,
 * the flag exists in the project and has the environment.
 */
final class UnleashCheck extends RouterCheck {
  private final UnleashRouter router;
  private final UnleashFlags flags;

  UnleashCheck(UnleashRouter router, UnleashFlags flags) {
    super(Unleash.ROUTER);
    this.router = router;
    this.flags = flags;
  }

  @Override
  protected String check(TrafficTarget t) {
    UnleashState s = router.state(t);
    return flags.where(t)
        + (s.enabled() ? " is on" : " is off")
        + ", rolled out to "
        + s.weight()
        + "%";
  }
}
