package io.rollwright.activities.traffic;

import io.rollwright.activities.base.Registry;
import io.rollwright.api.TrafficActivities;
import io.rollwright.api.TrafficTarget;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;

/** Traffic and workload changes through the router and workload manager the policy names. */
public final class TrafficActivitiesImpl implements TrafficActivities {
  private static final double TOLERANCE = 0.01;

  private final Registry<TrafficRouter> routers;
  private final Registry<WorkloadManager> workloads;

  /**
   * {@code workloads} is keyed by router name: each router comes with the workload manager it works
   * with.
   */
  public TrafficActivitiesImpl(
      Registry<TrafficRouter> routers, Registry<WorkloadManager> workloads) {
    this.routers = routers;
    this.workloads = workloads;
  }

  @Override
  public void deployCanary(TrafficTarget target) {
    workloads.get(target.router()).deployCanary(target);
  }

  @Override
  public double setWeight(TrafficTarget target, double weight) {
    TrafficRouter router = routers.get(target.router());
    double applied = router.setWeight(target, weight);
    double shown = router.verifyWeight(target);
    if (Math.abs(shown - applied) > TOLERANCE) {
      throw ApplicationFailure.newFailure(
          "router "
              + target.router()
              + " shows "
              + shown
              + "% on the canary after setting "
              + applied
              + "% (asked for "
              + weight
              + "%)",
          "WeightNotApplied");
    }
    return shown;
  }

  @Override
  public double bake(TrafficTarget target) {
    double applied = setWeight(target, 100);
    heartbeat();
    workloads.get(target.router()).idleStable(target);
    return applied;
  }

  /**
   * The canary, where there is one (a direct release has none), carries all traffic while stable is
   * replaced, so the service never runs below its capacity; then stable, if idled by a bake, is
   * back at its count, traffic returns to it and the canary goes. A retry resumes where the last
   * attempt stopped: once stable runs the new version, only the steps after that are repeated.
   */
  @Override
  public void promote(TrafficTarget target) {
    WorkloadManager w = workloads.get(target.router());
    TrafficRouter router = routers.get(target.router());
    if (!w.stableRuns(target)) {
      if (w.canaryRuns(target) && router.verifyWeight(target) < 100) {
        setWeight(target, 100);
        heartbeat();
      }
      w.promoteStable(target);
      heartbeat();
    }
    w.wakeStable(target);
    heartbeat();
    router.removeManagedRoutes(target);
    heartbeat();
    w.scaleCanaryToZero(target);
  }

  @Override
  public void rollback(TrafficTarget target) {
    workloads.get(target.router()).wakeStable(target);
    heartbeat();
    routers.get(target.router()).removeManagedRoutes(target);
    heartbeat();
    workloads.get(target.router()).withdrawCanary(target);
  }

  /**
   * Between the steps of a multi-step action: lets Temporal see this worker is alive, or notice it
   * died.
   */
  private static void heartbeat() {
    Activity.getExecutionContext().heartbeat(null);
  }
}
