package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The worker's service account may do everything the release's router needs in the target namespace
 * (SelfSubjectAccessReview), and what its {@code kubernetes-job} checks need when its policy has
 * any.
 */
public final class KubernetesAccessCheck implements PreflightCheck {
  private final KubernetesClient client;
  private final KubernetesCluster cluster;
  private final Map<String, KubernetesRouter> routers;

  /**
   * Checks releases through {@code routers}, by name, in {@code cluster}; a release through another
   * router passes.
   */
  public KubernetesAccessCheck(
      KubernetesClient client, KubernetesCluster cluster, Map<String, KubernetesRouter> routers) {
    this.client = client;
    this.cluster = cluster;
    this.routers = Map.copyOf(routers);
  }

  @Override
  public String name() {
    return "kubernetes-access";
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings settings) {
    String ns = cluster.namespace(release.request().environment());
    KubernetesRouter router = routers.get(release.policy().router());
    if (router == null) {
      return new PreflightResult(
          name(), true, "the " + release.policy().router() + " router edits no Kubernetes objects");
    }
    boolean jobs = KubernetesJobCheck.usedBy(release.policy());
    List<String> denied =
        Stream.concat(
                KubernetesPermissions.needed(router).stream(),
                jobs ? KubernetesJobCheck.PERMISSIONS.stream() : Stream.empty())
            .filter(p -> !allowed(ns, p))
            .map(p -> p.verb() + " " + (p.group().isEmpty() ? "" : p.group() + "/") + p.resource())
            .toList();
    return denied.isEmpty()
        ? new PreflightResult(
            name(),
            true,
            "may do all the " + release.policy().router() + " router needs in " + cluster.where(ns))
        : new PreflightResult(
            name(),
            false,
            "not allowed in "
                + cluster.where(ns)
                + ": "
                + String.join(", ", denied)
                + " (apply deploy/kubernetes/target-namespace there"
                + (jobs ? ", and deploy/kubernetes/job-checks for its kubernetes-job checks" : "")
                + ")");
  }

  private boolean allowed(String ns, KubernetesPermissions.Permission p) {
    SelfSubjectAccessReview review =
        KubernetesCalls.call(
            "SelfSubjectAccessReview",
            () ->
                client
                    .authorization()
                    .v1()
                    .selfSubjectAccessReview()
                    .create(
                        new SelfSubjectAccessReviewBuilder()
                            .withNewSpec()
                            .withNewResourceAttributes()
                            .withNamespace(ns)
                            .withGroup(p.group())
                            .withResource(p.resource())
                            .withVerb(p.verb())
                            .endResourceAttributes()
                            .endSpec()
                            .build()));
    return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
  }
}
