package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.PreflightSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * What the release acts on exists: the stable Deployment in the environment's namespace, and the
 * route its router edits.
 */
public final class KubernetesTargetCheck implements PreflightCheck {
  private final KubernetesClient client;

  public KubernetesTargetCheck(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return "kubernetes-target";
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings settings) {
    TrafficTarget t = TrafficTarget.of(release.request(), release.policy().router());
    String ns = KubernetesNames.namespace(t);
    List<String> missing = new ArrayList<>();
    if (client.apps().deployments().inNamespace(ns).withName(KubernetesNames.stable(t)).get()
        == null) {
      missing.add(
          "stable Deployment "
              + ns
              + "/"
              + KubernetesNames.stable(t)
              + " (does namespace "
              + ns
              + " exist?)");
    }
    if (Kubernetes.GATEWAY_API.equals(t.router())
        && client.resources(HTTPRoute.class).inNamespace(ns).withName(t.service()).get() == null) {
      missing.add("HTTPRoute " + ns + "/" + t.service());
    }
    if (Kubernetes.NGINX_INGRESS.equals(t.router())
        && client.network().v1().ingresses().inNamespace(ns).withName(t.service()).get() == null) {
      missing.add("Ingress " + ns + "/" + t.service());
    }
    return missing.isEmpty()
        ? new PreflightResult(name(), true, "stable Deployment and route found in namespace " + ns)
        : new PreflightResult(name(), false, "missing: " + String.join(", ", missing));
  }
}
