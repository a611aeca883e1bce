package io.rollwright.activities.traffic.kubernetes;

import static io.rollwright.activities.traffic.kubernetes.KubernetesFixture.NS;
import static io.rollwright.activities.traffic.kubernetes.KubernetesFixture.OLD_IMAGE;
import static io.rollwright.activities.traffic.kubernetes.KubernetesFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.rollwright.api.TrafficActivities;
import io.rollwright.api.TrafficTarget;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Canary releases through each router against Fabric8's mock API server in CRUD mode, with the real
 * activity code.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesTrafficTest {
  private static final String NEW_IMAGE = "registry.example/checkout:2.3.0";

  KubernetesMockServer server;
  KubernetesClient client;

  private KubernetesFixture cluster;
  private KubernetesTestActivities activities;

  @BeforeEach
  void setUp() {
    cluster = new KubernetesFixture(client);
    activities = new KubernetesTestActivities(client);
  }

  @AfterEach
  void tearDown() {
    cluster.close();
    activities.close();
  }

  private TrafficActivities traffic() {
    return activities.traffic();
  }

  private static TrafficTarget target(String router) {
    return new TrafficTarget(
        SERVICE + "@" + NS, SERVICE, NS, "2.3.0", NEW_IMAGE, router, null, null, null);
  }

  /** The canary's share of traffic as the API objects show it, read without the router's code. */
  private double observedWeight(String router) {
    return switch (router) {
      case Kubernetes.REPLICA_RATIO -> {
        int canary = cluster.replicas(SERVICE + "-canary");
        yield canary * 100.0 / (canary + cluster.replicas(SERVICE));
      }
      case Kubernetes.GATEWAY_API -> {
        List<HTTPBackendRef> refs = route().getSpec().getRules().get(0).getBackendRefs();
        int canary =
            refs.stream()
                .filter(r -> r.getName().endsWith("-canary"))
                .mapToInt(HTTPBackendRef::getWeight)
                .sum();
        yield canary * 100.0 / refs.stream().mapToInt(HTTPBackendRef::getWeight).sum();
      }
      default -> {
        Ingress canary =
            client.network().v1().ingresses().inNamespace(NS).withName(SERVICE + "-canary").get();
        yield canary == null
            ? 0
            : Integer.parseInt(canary.getMetadata().getAnnotations().get(NginxIngressRouter.WEIGHT))
                / 100.0;
      }
    };
  }

  private HTTPRoute route() {
    return client.resources(HTTPRoute.class).inNamespace(NS).withName(SERVICE).get();
  }

  private void assertStableOnly(String router) {
    assertEquals(0.0, observedWeight(router), "no traffic on the canary");
    assertEquals(0, cluster.replicas(SERVICE + "-canary"), "canary scaled to zero");
    assertEquals(4, cluster.replicas(SERVICE), "stable at full size");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {Kubernetes.REPLICA_RATIO, Kubernetes.GATEWAY_API, Kubernetes.NGINX_INGRESS})
  void canaryReleasePassesItsStagesAndPromotes(String router) {
    TrafficActivities traffic = traffic();
    TrafficTarget t = target(router);

    traffic.deployCanary(t);
    assertEquals(NEW_IMAGE, cluster.image(SERVICE + "-canary"));
    assertEquals(
        "canary",
        cluster
            .deployment(SERVICE + "-canary")
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels()
            .get("track"));
    for (double weight : new double[] {5, 25, 50}) {
      double applied = traffic.setWeight(t, weight);
      assertEquals(
          applied, observedWeight(router), 0.001, "weight in the API objects at " + weight + "%");
      if (!router.equals(Kubernetes.REPLICA_RATIO)) {
        assertEquals(weight, applied, 0.001);
      }
    }
    traffic.promote(t);

    assertEquals(NEW_IMAGE, cluster.image(SERVICE), "stable runs the new version");
    assertStableOnly(router);
  }

  /** How the API objects send cohorts to the canary, read without the router's code. */
  private String observedCohorts(String router) {
    if (router.equals(Kubernetes.GATEWAY_API)) {
      return String.join(
          ",",
          route().getSpec().getRules().stream()
              .filter(
                  r ->
                      r.getBackendRefs().size() == 1
                          && r.getBackendRefs().get(0).getName().equals(SERVICE + "-canary"))
              .map(
                  r ->
                      (r.getMatches().get(0).getPath() == null
                              ? "*"
                              : r.getMatches().get(0).getPath().getValue())
                          + " "
                          + r.getMatches().get(0).getHeaders().get(0).getName()
                          + "="
                          + r.getMatches().get(0).getHeaders().get(0).getValue())
              .toList());
    }
    Ingress canary =
        client.network().v1().ingresses().inNamespace(NS).withName(SERVICE + "-canary").get();
    if (canary == null) {
      return "";
    }
    var a = canary.getMetadata().getAnnotations();
    return a.getOrDefault(NginxIngressRouter.BY_HEADER, "")
        + " "
        + a.getOrDefault(NginxIngressRouter.BY_HEADER_VALUE, "")
        + a.getOrDefault(NginxIngressRouter.BY_HEADER_PATTERN, "");
  }

  /**
   * Cohorts by header (rolled back) and by cookie (promoted): {@code first} and {@code second} are
   * how the API objects show the first stage's cohort and then both stages' cohorts.
   */
  @ParameterizedTest
  @CsvSource(
      delimiterString = " ~ ",
      value = {
        "gateway-api ~ header ~ * x-cohort=internal_test"
            + " ~ * x-cohort=internal_test,* x-cohort=pilot.eu",
        "nginx-ingress ~ header ~ x-cohort internal_test ~ x-cohort ^(internal_test|pilot\\.eu)$",
        "gateway-api ~ cookie ~ * Cookie=(^|;\\s*)team=(internal_test)(;|$)"
            + " ~ * Cookie=(^|;\\s*)team=(internal_test)(;|$),* Cookie=(^|;\\s*)team=(pilot\\.eu)(;|$)",
        "nginx-ingress ~ cookie ~ Cookie (^|;\\s*)team=(internal_test)(;|$)"
            + " ~ Cookie (^|;\\s*)team=(internal_test|pilot\\.eu)(;|$)",
      })
  void cohortsGoToTheCanaryStageByStageAndLeaveWithItsRoutes(
      String router, String match, String first, String second) {
    activities.close();
    activities =
        new KubernetesTestActivities(
            client,
            new KubernetesCluster(
                null, Map.of(), CohortMatch.of(match, match.equals("cookie") ? "team" : null)));
    TrafficActivities traffic = traffic();
    TrafficTarget t = target(router);
    traffic.deployCanary(t);

    traffic.setWeight(t.atStage("internal-test", List.of("internal_test")), 0.5);
    assertEquals(first, observedCohorts(router));
    traffic.setWeight(t.atStage("pilot", List.of("internal_test", "pilot.eu")), 5);
    assertEquals(second, observedCohorts(router));
    assertEquals(5.0, observedWeight(router), 0.001, "the weight's share beside the cohorts");
    if (router.equals(Kubernetes.GATEWAY_API)) {
      assertEquals(
          match.equals("header") ? "Exact" : "RegularExpression",
          route().getSpec().getRules().get(1).getMatches().get(0).getHeaders().get(0).getType());
    }

    if (match.equals("header")) {
      traffic.rollback(t);
    } else {
      traffic.promote(t);
    }

    assertStableOnly(router);
    assertEquals("", observedCohorts(router), "no cohort is sent to the canary any more");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {Kubernetes.REPLICA_RATIO, Kubernetes.GATEWAY_API, Kubernetes.NGINX_INGRESS})
  void rollbackAt25RestoresStableAndZeroCanary(String router) {
    TrafficActivities traffic = traffic();
    TrafficTarget t = target(router);
    traffic.deployCanary(t);
    traffic.setWeight(t, 5);
    traffic.setWeight(t, 25);
    assertTrue(observedWeight(router) >= 25);

    traffic.rollback(t);

    assertStableOnly(router);
    assertEquals(OLD_IMAGE, cluster.image(SERVICE), "stable untouched");
    traffic.rollback(t);
    assertStableOnly(router);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {Kubernetes.REPLICA_RATIO, Kubernetes.GATEWAY_API, Kubernetes.NGINX_INGRESS})
  void aBakeKeepsThePreviousVersionAtZeroUntilItPassesThenPromotes(String router) {
    TrafficActivities traffic = traffic();
    TrafficTarget t = target(router);
    traffic.deployCanary(t);
    traffic.setWeight(t, 50);

    assertEquals(100.0, traffic.bake(t), 0.001);
    traffic.bake(t);

    assertEquals(100.0, observedWeight(router), 0.001, "the new version carries all traffic");
    assertEquals(4, cluster.replicas(SERVICE + "-canary"), "at the service's full count");
    assertEquals(0, cluster.replicas(SERVICE), "the previous version is idle");
    assertEquals(OLD_IMAGE, cluster.image(SERVICE), "and kept, not replaced");

    traffic.promote(t);

    assertEquals(NEW_IMAGE, cluster.image(SERVICE));
    assertStableOnly(router);
    assertNull(
        DeploymentRollout.annotation(cluster.deployment(SERVICE), KubernetesWorkloads.IDLE),
        "nothing left marked idle");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {Kubernetes.REPLICA_RATIO, Kubernetes.GATEWAY_API, Kubernetes.NGINX_INGRESS})
  void aBakeThatFailsReturnsToThePreviousVersionAtItsFullCount(String router) {
    TrafficActivities traffic = traffic();
    TrafficTarget t = target(router);
    traffic.deployCanary(t);
    traffic.setWeight(t, 50);
    traffic.bake(t);

    traffic.rollback(t);

    assertEquals(OLD_IMAGE, cluster.image(SERVICE), "the previous version serves again");
    assertStableOnly(router);
    assertNull(DeploymentRollout.annotation(cluster.deployment(SERVICE), KubernetesWorkloads.IDLE));
    traffic.rollback(t);
    assertStableOnly(router);
  }

  @Test
  void repeatingAnActionChangesNothing() {
    TrafficActivities traffic = traffic();
    TrafficTarget t = target(Kubernetes.GATEWAY_API);
    traffic.deployCanary(t);
    traffic.setWeight(t, 25);
    var before = route().getSpec();

    traffic.deployCanary(t);
    traffic.setWeight(t, 25);

    assertEquals(before, route().getSpec());
    assertEquals(2, route().getSpec().getRules().get(0).getBackendRefs().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {Kubernetes.GATEWAY_API, Kubernetes.NGINX_INGRESS})
  void aWeightedCanaryStartsAsLargeAsStableWhereAnEarlierReleaseLeftItAtZero(String router) {
    TrafficActivities traffic = traffic();
    TrafficTarget first = target(router);
    traffic.deployCanary(first);
    traffic.setWeight(first, 25);
    traffic.promote(first);
    assertEquals(0, cluster.replicas(SERVICE + "-canary"), "the first release's canary is gone");

    TrafficTarget next =
        new TrafficTarget(
            first.releaseId(),
            first.service(),
            first.environment(),
            "2.4.0",
            "registry.example/checkout:2.4.0",
            router,
            null,
            null,
            null);
    traffic.deployCanary(next);

    assertEquals(4, cluster.replicas(SERVICE + "-canary"), "the next one serves before traffic");
    assertEquals(25.0, traffic.setWeight(next, 25), 0.001);
  }

  @Test
  void crashBetweenTwoWritesConvergesWhenTheActivityRunsAgain() {
    TrafficActivities traffic = traffic();
    TrafficTarget t = target(Kubernetes.REPLICA_RATIO);
    traffic.deployCanary(t);
    server
        .expect()
        .patch()
        .withPath("/apis/apps/v1/namespaces/prod/deployments/checkout")
        .andReturn(
            500,
            new StatusBuilder().withCode(500).withMessage("etcdserver: request timed out").build())
        .once();

    ActivityFailure crashed = assertThrows(ActivityFailure.class, () -> traffic.setWeight(t, 25));
    assertFalse(((ApplicationFailure) crashed.getCause()).isNonRetryable(), "a 500 is retried");
    assertEquals(1, cluster.replicas(SERVICE + "-canary"), "the first write happened");
    assertEquals(4, cluster.replicas(SERVICE), "the second did not");

    assertEquals(25.0, traffic.setWeight(t, 25), 0.001);
    assertEquals(1, cluster.replicas(SERVICE + "-canary"));
    assertEquals(3, cluster.replicas(SERVICE));
  }

  @Test
  void conflictIsReReadAndRetried() {
    TrafficActivities traffic = traffic();
    TrafficTarget t = target(Kubernetes.GATEWAY_API);
    traffic.deployCanary(t);
    server
        .expect()
        .patch()
        .withPath("/apis/gateway.networking.k8s.io/v1/namespaces/prod/httproutes/checkout")
        .andReturn(
            409,
            new StatusBuilder()
                .withCode(409)
                .withReason("Conflict")
                .withMessage("the object has been modified")
                .build())
        .once();

    assertEquals(10.0, traffic.setWeight(t, 10), 0.001);
    assertEquals(10.0, observedWeight(Kubernetes.GATEWAY_API), 0.001);
  }

  @Test
  void missingStableDeploymentIsFinalAndNamed() {
    TrafficTarget ghost =
        new TrafficTarget(
            "ghost@prod",
            "ghost",
            NS,
            "1.0.0",
            "registry.example/ghost:1.0.0",
            Kubernetes.GATEWAY_API,
            null,
            null,
            null);

    ActivityFailure e = assertThrows(ActivityFailure.class, () -> traffic().deployCanary(ghost));

    ApplicationFailure cause = (ApplicationFailure) e.getCause();
    assertTrue(cause.isNonRetryable());
    assertEquals("stable Deployment prod/ghost: not found", cause.getOriginalMessage());
    assertNull(cluster.deployment("ghost-canary"));
  }
}
