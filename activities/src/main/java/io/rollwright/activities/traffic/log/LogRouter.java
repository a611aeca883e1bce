package io.rollwright.activities.traffic.log;

import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.activities.traffic.WorkloadManager;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.Stage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router {@code log}: moves no traffic and runs no workloads, it only writes to the worker's
 * log what each step would do. For releases whose traffic something else moves (a policy of soaks,
 * analysis and gates only) and for trying a policy out. Never a worker's default router.
 *
 * <p>It keeps the weight it last logged per release in memory, so the weight check after each step
 * passes; a worker that restarts forgets it, which is harmless because every step sets it again. As
 * it runs no workloads, neither track ever runs the target's version: a promotion always goes
 * through every step.
 */
public final class LogRouter implements TrafficRouter, WorkloadManager {
  public static final String NAME = "log";

  private static final Logger log = LoggerFactory.getLogger("rollwright.traffic");

  private final Map<String, Double> weights = new ConcurrentHashMap<>();

  @Override
  public double setWeight(TrafficTarget target, double weight) {
    log.info(
        "[{}] would route {}{} to the canary",
        target.releaseId(),
        Stage.weightText(weight),
        target.cohorts().isEmpty() ? "" : " and cohorts " + target.cohorts());
    weights.put(target.releaseId(), weight);
    return weight;
  }

  /** True: it logs the cohorts a stage would send, as it logs the weight. */
  @Override
  public boolean routesCohorts() {
    return true;
  }

  @Override
  public double verifyWeight(TrafficTarget target) {
    return weights.getOrDefault(target.releaseId(), 0.0);
  }

  @Override
  public void removeManagedRoutes(TrafficTarget target) {
    log.info("[{}] would route all traffic to stable", target.releaseId());
    weights.remove(target.releaseId());
  }

  @Override
  public void deployCanary(TrafficTarget target) {
    log.info("[{}] would deploy the canary {}", target.releaseId(), target.image());
  }

  @Override
  public boolean canaryRuns(TrafficTarget target) {
    return false;
  }

  @Override
  public boolean stableRuns(TrafficTarget target) {
    return false;
  }

  @Override
  public void promoteStable(TrafficTarget target) {
    log.info("[{}] would make stable run {}", target.releaseId(), target.image());
  }

  @Override
  public void scaleCanaryToZero(TrafficTarget target) {
    log.info("[{}] would scale the canary to zero", target.releaseId());
  }

  @Override
  public void idleStable(TrafficTarget target) {
    log.info("[{}] would scale stable to zero for the bake", target.releaseId());
  }

  @Override
  public void wakeStable(TrafficTarget target) {
    log.info("[{}] would bring an idle stable back to its count", target.releaseId());
  }
}
