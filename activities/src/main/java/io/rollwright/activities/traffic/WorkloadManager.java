package io.rollwright.activities.traffic;

import io.rollwright.api.TrafficTarget;

/** Runs the canary and stable versions of a service. Every method is idempotent. */
public interface WorkloadManager {
  /** Creates or updates the canary with the target's image and returns once it is ready. */
  void deployCanary(TrafficTarget target);

  /** Makes the stable workload run the target's version and returns once it is ready. */
  void promoteStable(TrafficTarget target);

  /** Scales the canary to zero, leaving the stable workload untouched. */
  void scaleCanaryToZero(TrafficTarget target);
}
