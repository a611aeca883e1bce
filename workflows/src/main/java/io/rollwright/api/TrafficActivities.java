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
   * Starts the bake: the canary carries 100% of traffic (at the service's full capacity), then the
   * previous version's stable workload is idled, kept so that {@link #rollback} returns to it.
   *
   * @return the weight the infrastructure effectively applies
   */
  @ActivityMethod
  double bake(TrafficTarget target);

  /**
   * Makes the new version stable at 100% of traffic and removes the canary and its routes. The
   * canary carries all traffic while stable is replaced: capacity never dips below the service's
   * own.
   */
  @ActivityMethod
  void promote(TrafficTarget target);

  /**
   * Sends 100% of traffic to the stable version and scales the canary to zero; the stable version
   * is untouched (an idle one is first brought back to its count and awaited). Where traffic
   * follows replicas, stable is back at its full count and available before the canary goes.
   */
  @ActivityMethod
  void rollback(TrafficTarget target);
}
