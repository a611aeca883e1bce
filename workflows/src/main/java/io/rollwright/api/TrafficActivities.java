package io.rollwright.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Every change to workloads and traffic. Each is idempotent: repeating it changes nothing more. */
@ActivityInterface
public interface TrafficActivities {
  /** Creates or updates the canary workload with the new version and waits until it is ready. */
  @ActivityMethod
  void deployCanary(TrafficTarget target);

  /**
   * Sends {@code weight} percent of traffic to the canary and verifies the infrastructure shows it.
   *
   * @return the weight the infrastructure effectively applies
   */
  @ActivityMethod
  double setWeight(TrafficTarget target, double weight);

  /**
   * Makes the new version stable at 100% of traffic and removes the canary and its routes. The
   * canary carries all traffic while stable is replaced: capacity never dips below the service's
   * own.
   */
  @ActivityMethod
  void promote(TrafficTarget target);

  /**
   * Sends 100% of traffic to the stable version and scales the canary to zero; the stable version
   * is untouched. Where traffic follows replicas, stable is back at its full count and available
   * before the canary goes.
   */
  @ActivityMethod
  void rollback(TrafficTarget target);
}
