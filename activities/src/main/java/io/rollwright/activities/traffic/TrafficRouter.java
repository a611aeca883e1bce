package io.rollwright.activities.traffic;

import io.rollwright.api.TrafficTarget;

/** Splits a service's traffic between its stable and canary versions. Every method is idempotent. */
public interface TrafficRouter {
  /** Routes {@code weight} percent of traffic to the canary. */
  void setWeight(TrafficTarget target, double weight);

  /** The canary weight the infrastructure shows now, in percent. */
  double verifyWeight(TrafficTarget target);

  /** Removes every route this router added, leaving 100% of traffic on stable. */
  void removeManagedRoutes(TrafficTarget target);
}
