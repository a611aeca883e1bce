package io.rollwright.activities.traffic.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * What each router needs to be allowed in a target namespace, as (API group, resource, verb): the
 * canary workload's Deployment calls plus the router's own. The pre-flight access check asks the
 * cluster for exactly these; deploy/'s Role grants exactly their union (both checked by tests).
 */
public final class KubernetesPermissions {
  /** One permission. */
  public record Permission(String group, String resource, String verb) {}

  private static final List<Permission> WORKLOAD =
      List.of(
          new Permission("apps", "deployments", "get"),
          new Permission("apps", "deployments", "create"),
          new Permission("apps", "deployments", "update"),
          new Permission("apps", "deployments", "patch"));

  private static final Map<String, List<Permission>> ROUTER =
      Map.of(
          Kubernetes.REPLICA_RATIO, List.of(),
          Kubernetes.GATEWAY_API,
              List.of(
                  new Permission("gateway.networking.k8s.io", "httproutes", "get"),
                  new Permission("gateway.networking.k8s.io", "httproutes", "patch")),
          Kubernetes.NGINX_INGRESS,
              List.of(
                  new Permission("networking.k8s.io", "ingresses", "get"),
                  new Permission("networking.k8s.io", "ingresses", "create"),
                  new Permission("networking.k8s.io", "ingresses", "update"),
                  new Permission("networking.k8s.io", "ingresses", "delete")));

  private KubernetesPermissions() {}

  /** Everything a release through {@code router} calls. */
  public static List<Permission> needed(String router) {
    return java.util.stream.Stream.concat(
            WORKLOAD.stream(), ROUTER.getOrDefault(router, List.of()).stream())
        .toList();
  }
}
