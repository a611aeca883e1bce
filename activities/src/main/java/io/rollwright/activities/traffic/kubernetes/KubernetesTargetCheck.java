package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.PreflightSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the release acts on exists: the stable Deployment in the environment's namespace, and the
 * route its router edits.
 */
public final class KubernetesTargetCheck implements PreflightCheck {
  private final KubernetesClient client;
  private final KubernetesCluster cluster;
  private final Map<String, KubernetesRouter> routers;

  /**
   * Checks releases through {@code routers}, by name, in {@code cluster}; a release through another
   * router passes.
   */
  public KubernetesTargetCheck(
      KubernetesClient client, KubernetesCluster cluster, Map<String, KubernetesRouter> routers) {
    this.client = client;
    this.cluster = cluster;
    this.routers = Map.copyOf(routers);
  }

  @Override
  public String name() {
    return "kubernetes-target";
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings settings) {
    TrafficTarget t = TrafficTarget.of(release.request(), release.policy());
    String ns = cluster.namespace(t);
    List<String> missing = new ArrayList<>();
    if (client.apps().deployments().inNamespace(ns).withName(KubernetesNames.stable(t)).get()
        == null) {
      missing.add(
          "stable Deployment "
              + ns
              + "/"
              + KubernetesNames.stable(t)
              + " (does "
              + cluster.where(ns)
              + " exist?)");
    }
    KubernetesRouter router = routers.get(t.router());
    String route = router == null ? null : router.missingRoute(t);
    if (route != null) {
      missing.add(route);
    }
    return missing.isEmpty()
        ? new PreflightResult(
            name(), true, "stable Deployment and route found in " + cluster.where(ns))
        : new PreflightResult(name(), false, "missing: " + String.join(", ", missing));
  }
}
