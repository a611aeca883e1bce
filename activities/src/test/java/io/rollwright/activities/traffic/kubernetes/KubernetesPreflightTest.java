package io.rollwright.activities.traffic.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.rollwright.activities.base.SystemActivityClock;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes pre-flight: the target exists, and the service account may do what the router needs.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPreflightTest {
  private static final String SSAR = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

  KubernetesMockServer server;
  KubernetesClient client;

  /** The check of that class as the Kubernetes extension set offers it. */
  private PreflightCheck check(Class<? extends PreflightCheck> type) {
    return new Kubernetes(client, new SystemActivityClock(), Duration.ZERO, Duration.ZERO)
        .preflightChecks().stream().filter(type::isInstance).findFirst().orElseThrow();
  }

  private static ResolvedRelease release(String service, String router) {
    ReleaseRequest r =
        new ReleaseRequest(
            service,
            "2.3.0",
            "registry.example/" + service + ":2.3.0",
            "prod",
            Strategy.CANARY,
            null,
            null,
            "alice",
            null,
            null);
    ReleasePolicy p =
        new ReleasePolicy(
            "p", null, null, router, null, List.of(), List.of(), List.of(), Map.of(), null, null,
            null, null, null, null, null, null, null, null);
    return new ResolvedRelease(r, p, "test");
  }

  private void answerAccessReviews(boolean allowed) {
    server
        .expect()
        .post()
        .withPath(SSAR)
        .andReturn(
            201,
            new SelfSubjectAccessReviewBuilder()
                .withNewStatus()
                .withAllowed(allowed)
                .endStatus()
                .build())
        .always();
  }

  @Test
  void targetFoundAndAccessAllowedPasses() {
    answerAccessReviews(true);
    try (KubernetesFixture ignored = new KubernetesFixture(client)) {
      assertTrue(
          check(KubernetesTargetCheck.class)
              .run(release("checkout", Kubernetes.NGINX_INGRESS), null)
              .passed());
      PreflightResult access =
          check(KubernetesAccessCheck.class)
              .run(release("checkout", Kubernetes.NGINX_INGRESS), null);
      assertTrue(access.passed(), access.detail());
    }
  }

  @Test
  void missingDeploymentAndRouteBlockNamingThem() {
    PreflightResult r =
        check(KubernetesTargetCheck.class).run(release("ghost", Kubernetes.GATEWAY_API), null);

    assertFalse(r.passed());
    assertEquals(
        "missing: stable Deployment prod/ghost (does namespace prod exist?), HTTPRoute prod/ghost",
        r.detail());
  }

  @Test
  void deniedAccessBlocksListingWhatIsMissing() {
    answerAccessReviews(false);

    PreflightResult r =
        check(KubernetesAccessCheck.class).run(release("checkout", Kubernetes.GATEWAY_API), null);

    assertFalse(r.passed());
    assertTrue(
        r.detail()
            .startsWith(
                "not allowed in namespace prod: get apps/deployments, create apps/deployments"),
        r.detail());
    assertTrue(r.detail().contains("patch gateway.networking.k8s.io/httproutes"), r.detail());
  }
}
