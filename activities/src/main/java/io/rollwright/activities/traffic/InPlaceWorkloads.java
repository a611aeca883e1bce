package io.rollwright.activities.traffic;

import io.rollwright.api.TrafficTarget;

/**
 * The workloads of a platform whose new version becomes production in place, not beside it (a
 * store's staged rollout, a feature flag): no separate canary carries all traffic while stable is
 * replaced, no previous version keeps serving to idle or wake, and promoting is the router at 100%.
 * A platform says how its version is made ready ({@link #deployCanary}) and taken back ({@link
 * #withdrawCanary}).
 */
public abstract class InPlaceWorkloads implements WorkloadManager {
  private final TrafficRouter router;

  protected InPlaceWorkloads(TrafficRouter router) {
    this.router = router;
  }

  /** False: {@link #promoteStable} completes the rollout itself. */
  @Override
  public final boolean canaryRuns(TrafficTarget t) {
    return false;
  }

  @Override
  public final boolean stableRuns(TrafficTarget t) {
    return router.verifyWeight(t) >= 100;
  }

  @Override
  public final void promoteStable(TrafficTarget t) {
    router.setWeight(t, 100);
  }

  /** Nothing: once promoted, the new version is production. */
  @Override
  public final void scaleCanaryToZero(TrafficTarget t) {}

  @Override
  public final void idleStable(TrafficTarget t) {}

  @Override
  public final void wakeStable(TrafficTarget t) {}
}
