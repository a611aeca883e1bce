package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.rollwright.api.TrafficTarget;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Splits traffic with no mesh: one Service selects the pods of both tracks, so the canary's share
 * is its share of the replicas. The total is the stable Deployment's replica count when the release
 * began (kept in an annotation on the canary); the weight applied is the nearest the replicas
 * allow.
 *
 * <p>Capacity never dips (as a canary with {@code maxUnavailable: 0}): the track that grows is
 * scaled first and awaited until its new pods are available; only then does the other shrink.
 */
public final class ReplicaRatioRouter implements KubernetesRouter {
  static final String TOTAL = "rollwright.io/total-replicas";

  private final DeploymentRollout rollout;

  ReplicaRatioRouter(DeploymentRollout rollout) {
    this.rollout = rollout;
  }

  /** Scaling the Deployments is all it does: nothing beyond the canary workload's permissions. */
  @Override
  public List<KubernetesPermissions.Permission> permissions() {
    return List.of();
  }

  /** Nothing of its own: the stable Deployment, which every Kubernetes release needs, is all. */
  @Override
  public String missingRoute(TrafficTarget t) {
    return null;
  }

  @Override
  public double setWeight(TrafficTarget t, double weight) {
    int total = total(t);
    int canary = weight <= 0 ? 0 : Math.max(1, (int) Math.round(total * weight / 100));
    split(t, canary, total);
    return canary * 100.0 / total;
  }

  @Override
  public double verifyWeight(TrafficTarget t) {
    String ns = rollout.namespace(t);
    int canary = DeploymentRollout.replicas(rollout.read(ns, KubernetesNames.canary(t)));
    int stable = DeploymentRollout.replicas(rollout.read(ns, KubernetesNames.stable(t)));
    return canary + stable == 0 ? 0 : canary * 100.0 / (canary + stable);
  }

  /** Stable back at its full count and available, then the canary at zero. */
  @Override
  public void removeManagedRoutes(TrafficTarget t) {
    if (rollout.read(rollout.namespace(t), KubernetesNames.canary(t)) == null) {
      return;
    }
    split(t, 0, total(t));
  }

  /**
   * Gives the canary {@code canary} of {@code total} replicas: each track that grows (or keeps its
   * count) is scaled and awaited until available, and only then does a track shrink.
   */
  private void split(TrafficTarget t, int canary, int total) {
    String ns = rollout.namespace(t);
    UnaryOperator<Deployment> remember = DeploymentRollout.annotate(TOTAL, String.valueOf(total));
    Map<String, Integer> target = new LinkedHashMap<>();
    target.put(KubernetesNames.canary(t), canary);
    target.put(KubernetesNames.stable(t), total - canary);
    Map<String, Integer> now = new HashMap<>();
    target
        .keySet()
        .forEach(
            name -> now.put(name, DeploymentRollout.replicas(rollout.required(ns, name, "the"))));
    target.forEach(
        (name, replicas) -> {
          if (replicas >= now.get(name)) {
            rollout.scaleAndAwait(
                ns,
                name,
                replicas,
                name.equals(KubernetesNames.canary(t)) ? remember : UnaryOperator.identity());
          }
        });
    target.forEach(
        (name, replicas) -> {
          if (replicas < now.get(name)) {
            rollout.scale(
                ns,
                name,
                replicas,
                name.equals(KubernetesNames.canary(t)) ? remember : UnaryOperator.identity());
          }
        });
  }

  /** The replicas the service runs in all, remembered on the canary the first time it is scaled. */
  private int total(TrafficTarget t) {
    String ns = rollout.namespace(t);
    Deployment canary = rollout.required(ns, KubernetesNames.canary(t), "canary");
    String remembered = DeploymentRollout.annotation(canary, TOTAL);
    if (remembered != null) {
      return Integer.parseInt(remembered);
    }
    return Math.max(
        1,
        DeploymentRollout.replicas(rollout.required(ns, KubernetesNames.stable(t), "stable"))
            + DeploymentRollout.replicas(canary));
  }
}
