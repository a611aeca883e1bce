package io.rollwright.activities.traffic.sandbox;

import io.rollwright.activities.traffic.WorkloadManager;
import io.rollwright.api.TrafficTarget;

/** Runs workloads in the {@link SandboxCluster}: no cluster needed. */
public final class SandboxWorkloads implements WorkloadManager {
  private final SandboxCluster cluster;

  public SandboxWorkloads(SandboxCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public void deployCanary(TrafficTarget target) {
    cluster.act(target.service(), "deploy-canary", target.image(), null);
  }

  @Override
  public boolean canaryRuns(TrafficTarget target) {
    return target.image().equals(cluster.canaryImage(target.service()));
  }

  @Override
  public boolean stableRuns(TrafficTarget target) {
    return target.version().equals(cluster.stableVersion(target.service()));
  }

  @Override
  public void promoteStable(TrafficTarget target) {
    cluster.act(target.service(), "promote-stable", target.version(), null);
  }

  @Override
  public void scaleCanaryToZero(TrafficTarget target) {
    cluster.act(target.service(), "scale-canary-to-zero", null, null);
  }

  @Override
  public void idleStable(TrafficTarget target) {
    if (!cluster.stableIdle(target.service())) {
      cluster.act(target.service(), "idle-stable", null, null);
    }
  }

  @Override
  public void wakeStable(TrafficTarget target) {
    if (cluster.stableIdle(target.service())) {
      cluster.act(target.service(), "wake-stable", null, null);
    }
  }
}
