package io.rollwright.activities.traffic.unleash;

import io.rollwright.activities.traffic.InPlaceWorkloads;
import io.rollwright.api.TrafficTarget;

/**
 * A flag has no workloads: the new behaviour ships dark in the running version, and the flag's
 * rollout is the only thing that moves. Promoting holds it at 100%; taking it back sets the rollout
 * to 0%, or turns the flag off in the environment when the settings say so.
 */
final class UnleashWorkloads extends InPlaceWorkloads {
  private final UnleashRouter router;

  UnleashWorkloads(UnleashRouter router) {
    super(router);
    this.router = router;
  }

  /** Nothing to deploy; the flag and its environment must exist. */
  @Override
  public void deployCanary(TrafficTarget t) {
    router.state(t);
  }

  @Override
  public void withdrawCanary(TrafficTarget t) {
    router.takeBack(t, true);
  }
}
