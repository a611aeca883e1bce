package io.rollwright.activities.traffic.kubernetes;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a release through a router needs to be allowed in a target namespace, as (API group,
 * resource, verb): the canary workload's Deployment calls plus the router's own {@link
 * KubernetesRouter#permissions()}. The pre-flight access check asks the cluster for exactly these;
 * deploy/'s Role grants exactly their union (both checked by tests).
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

  private KubernetesPermissions() {}

  /** Everything a release through {@code router} calls. */
  public static List<Permission> needed(KubernetesRouter router) {
    return Stream.concat(WORKLOAD.stream(), router.permissions().stream()).toList();
  }
}
