package io.rollwright.activities.traffic;

import io.rollwright.api.TrafficTarget;

/** Runs the canary and stable versions of a service. Every method is idempotent. */
public interface WorkloadManager {
  /** Creates or updates the canary with the target's image and returns once it is available. */
  void deployCanary(TrafficTarget target);

  /**
   * True when this release's canary runs the target's version, so it can carry traffic while stable
   * is replaced.
   */
  boolean canaryRuns(TrafficTarget target);

  /**
   * True when the stable workload already runs the target's version, fully available: a promotion
   * got that far.
   */
  boolean stableRuns(TrafficTarget target);

  /** Makes the stable workload run the target's version and returns once it is available. */
  void promoteStable(TrafficTarget target);

  /** Scales the canary to zero, leaving the stable workload untouched. */
  void scaleCanaryToZero(TrafficTarget target);

  /**
   * Takes the new version out of service on a rollback, once traffic is back on stable: by default
   * {@link #scaleCanaryToZero}. A platform whose new version becomes production in place (a store's
   * staged rollout) halts it here instead.
   */
  default void withdrawCanary(TrafficTarget target) {
    scaleCanaryToZero(target);
  }

  /**
   * Takes the stable workload, which still runs the previous version, out of service for a bake:
   * scaled to zero where it can be, never deleted, so {@link #wakeStable} brings it back.
   */
  void idleStable(TrafficTarget target);

  /**
   * Brings a stable workload idled by {@link #idleStable} back to its full count and returns once
   * it is available; nothing when it is not idle.
   */
  void wakeStable(TrafficTarget target);
}
