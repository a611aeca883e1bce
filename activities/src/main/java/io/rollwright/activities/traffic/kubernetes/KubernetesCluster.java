package io.rollwright.activities.traffic.kubernetes;

import io.rollwright.api.TrafficTarget;
import java.util.Map;

/**
 * The cluster a {@link Kubernetes} set talks to, by the name its target gives it (null for the
 * worker's own cluster), and the namespace of each environment it serves there: the environment's
 * own name unless its target names another, and how its routes tell a cohort's requests. Pure.
 */
public record KubernetesCluster(String name, Map<String, String> namespaces, CohortMatch cohorts) {
  /**
   * The worker's own cluster (in-cluster or {@code KUBECONFIG}): each environment its namespace.
   */
  public static final KubernetesCluster DEFAULT =
      new KubernetesCluster(null, Map.of(), CohortMatch.DEFAULT);

  public KubernetesCluster {
    namespaces = Map.copyOf(namespaces);
    cohorts = cohorts == null ? CohortMatch.DEFAULT : cohorts;
  }

  /** The namespace {@code environment}'s releases live in. */
  public String namespace(String environment) {
    return namespaces.getOrDefault(environment, environment);
  }

  /** The namespace of {@code t}'s environment. */
  public String namespace(TrafficTarget t) {
    return namespace(t.environment());
  }

  /** {@code namespace <ns>}, and {@code of cluster <name>} for a declared target's cluster. */
  public String where(String ns) {
    return "namespace " + ns + (name == null ? "" : " of cluster " + name);
  }
}
