package io.rollwright.activities.traffic.sandbox;

import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.Stage;

/** Routes traffic in the {@link SandboxCluster}: no cluster needed. */
public final class SandboxRouter implements TrafficRouter {
  private final SandboxCluster cluster;

  public SandboxRouter(SandboxCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public double setWeight(TrafficTarget target, double weight) {
    cluster.act(
        target.service(),
        "set-weight",
        Stage.weightText(weight)
            + (target.cohorts().isEmpty() ? "" : " and cohorts " + target.cohorts()),
        weight);
    return weight;
  }

  /** True: the pretend cluster records the cohorts each stage sends to the canary. */
  @Override
  public boolean routesCohorts() {
    return true;
  }

  @Override
  public double verifyWeight(TrafficTarget target) {
    return cluster.weight(target.service());
  }

  @Override
  public void removeManagedRoutes(TrafficTarget target) {
    cluster.act(target.service(), "route-all-to-stable", null, 0.0);
  }
}
