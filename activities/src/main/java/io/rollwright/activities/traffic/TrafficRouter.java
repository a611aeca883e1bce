package io.rollwright.activities.traffic;

import io.rollwright.api.TrafficTarget;

/**
 * Splits a service's traffic between its stable and canary versions. Every method is idempotent.
 */
public interface TrafficRouter {
  /**
   * Routes {@code weight} percent of traffic to the canary.
   *
   * @return the weight in effect, in percent: {@code weight} itself, or the nearest the router can
   *     express (replica counts, integer weights)
   */
  double setWeight(TrafficTarget target, double weight);

  /**
   * The canary weight the infrastructure shows now, in percent; equals what {@link #setWeight}
   * returned once applied.
   */
  double verifyWeight(TrafficTarget target);

  /** Removes every route this router added, leaving 100% of traffic on stable. */
  void removeManagedRoutes(TrafficTarget target);
}
