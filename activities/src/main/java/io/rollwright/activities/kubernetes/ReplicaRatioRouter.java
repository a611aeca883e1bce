package io.rollwright.activities.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.api.TrafficTarget;
import java.util.Objects;

/**
 * Splits traffic with no mesh: one Service selects the pods of both tracks, so the canary's share
 * is its share of the replicas. The total is the stable Deployment's replica count when the release
 * began (kept in an annotation on the canary); the weight applied is the nearest the replicas allow.
 */
public final class ReplicaRatioRouter implements TrafficRouter {
  static final String TOTAL = "rollwright.io/total-replicas";

  private final KubernetesClient client;

  public ReplicaRatioRouter(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public double setWeight(TrafficTarget t, double weight) {
    int total = total(t);
    int canary = weight <= 0 ? 0 : Math.max(1, (int) Math.round(total * weight / 100));
    scale(t, KubernetesNames.canary(t), canary, total);
    scale(t, KubernetesNames.stable(t), total - canary, total);
    return canary * 100.0 / total;
  }

  @Override
  public double verifyWeight(TrafficTarget t) {
    int canary = replicas(deployment(t, KubernetesNames.canary(t)));
    int stable = replicas(deployment(t, KubernetesNames.stable(t)));
    return canary + stable == 0 ? 0 : canary * 100.0 / (canary + stable);
  }

  @Override
  public void removeManagedRoutes(TrafficTarget t) {
    Deployment canary = deployment(t, KubernetesNames.canary(t));
    int total = canary == null ? replicas(deployment(t, KubernetesNames.stable(t))) : total(t);
    scale(t, KubernetesNames.stable(t), total, total);
    if (canary != null) {
      scale(t, KubernetesNames.canary(t), 0, total);
    }
  }

  /** The replicas the service runs in all, remembered on the canary the first time it is scaled. */
  private int total(TrafficTarget t) {
    Deployment canary = KubernetesCalls.required("canary Deployment " + KubernetesNames.namespace(t) + "/" + KubernetesNames.canary(t),
        deployment(t, KubernetesNames.canary(t)));
    String remembered = canary.getMetadata().getAnnotations() == null ? null : canary.getMetadata().getAnnotations().get(TOTAL);
    if (remembered != null) {
      return Integer.parseInt(remembered);
    }
    return Math.max(1, replicas(KubernetesCalls.required("stable Deployment " + KubernetesNames.stable(t),
        deployment(t, KubernetesNames.stable(t)))) + replicas(canary));
  }

  private void scale(TrafficTarget t, String name, int replicas, int total) {
    String ns = KubernetesNames.namespace(t);
    KubernetesCalls.run("scale Deployment " + ns + "/" + name + " to " + replicas,
        () -> client.apps().deployments().inNamespace(ns).withName(name).edit(d -> {
          d.getSpec().setReplicas(replicas);
          if (name.equals(KubernetesNames.canary(t))) {
            d.getMetadata().getAnnotations().put(TOTAL, String.valueOf(total));
          }
          return d;
        }));
  }

  private Deployment deployment(TrafficTarget t, String name) {
    String ns = KubernetesNames.namespace(t);
    return KubernetesCalls.call("read Deployment " + ns + "/" + name,
        () -> client.apps().deployments().inNamespace(ns).withName(name).get());
  }

  private static int replicas(Deployment d) {
    return d == null ? 0 : Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
  }
}
