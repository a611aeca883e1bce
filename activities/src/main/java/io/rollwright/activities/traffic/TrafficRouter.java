package io.rollwright.activities.traffic;

import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Violations;

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

  /**
   * Adds to {@code v} every rule a policy that names this router breaks for it (a stage weight it
   * cannot express, say); {@code field} is where the policy is written. None by default.
   */
  default void checkSettings(String field, ReleasePolicy policy, Violations v) {}
}
