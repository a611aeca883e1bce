package io.rollwright.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rollwright.activities.base.SystemActivityClock;
import io.rollwright.activities.metrics.prometheus.PrometheusClient;
import io.rollwright.activities.metrics.prometheus.PrometheusMetricProvider;
import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.activities.traffic.JsonApi;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.activities.traffic.WorkloadManager;
import io.rollwright.activities.traffic.firebase.FirebaseHosting;
import io.rollwright.activities.traffic.firebase.FirebaseSites;
import io.rollwright.activities.traffic.kubernetes.Kubernetes;
import io.rollwright.activities.traffic.unleash.Unleash;
import io.rollwright.activities.traffic.unleash.UnleashFlags;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.Violation;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each extension's own rules refuse a policy when it is resolved, naming the field: pre-flight
 * checks their settings, routers the weights they cannot express, metric providers the queries they
 * cannot run. Built as a worker builds it (no call leaves the process: resolving a policy reads no
 * cluster and no Prometheus).
 */
class ExtensionSettingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesClient CLUSTER =
      new KubernetesClientBuilder()
          .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
          .build();
  private static final PolicyActivitiesImpl WORKER = worker();

  private static PolicyActivitiesImpl worker() {
    SystemActivityClock clock = new SystemActivityClock();
    Kubernetes kubernetes = new Kubernetes(CLUSTER, clock, Duration.ZERO, Duration.ZERO);
    ExtensionSet unleash =
        Unleash.of(
            URI.create("http://127.0.0.1:1"),
            "*:*.token",
            Duration.ofSeconds(1),
            new UnleashFlags("default", Map.of(), Map.of(), "userId", false));
    ExtensionSet firebase =
        FirebaseHosting.of(
            new JsonApi(
                "FirebaseHosting",
                URI.create("http://127.0.0.1:1"),
                Duration.ofSeconds(1),
                () -> "Bearer none"),
            new FirebaseSites(Map.of(), List.of("alpha", "beta"), Duration.ofDays(7)));
    Map<String, TrafficRouter> routers = new HashMap<>(kubernetes.routers());
    routers.putAll(unleash.routers());
    routers.putAll(firebase.routers());
    Map<String, WorkloadManager> workloads = new HashMap<>(kubernetes.workloads());
    workloads.putAll(unleash.workloads());
    workloads.putAll(firebase.workloads());
    PrometheusMetricProvider prometheus =
        new PrometheusMetricProvider(
            new PrometheusClient(
                URI.create("http://127.0.0.1:1"), null, Duration.ofSeconds(1), null),
            Map.of(),
            Duration.ofMinutes(1));
    return new ReleaseActivities(
            new ReleaseActivities.Parts(
                clock,
                List.of(),
                new PolicyActivitiesImpl.Defaults(
                    "standard", Kubernetes.REPLICA_RATIO, PrometheusMetricProvider.NAME),
                routers,
                workloads,
                Map.of(PrometheusMetricProvider.NAME, prometheus),
                id -> null,
                List.of(),
                kubernetes.preflightChecks()))
        .policy();
  }

  @AfterAll
  static void close() {
    CLUSTER.close();
  }

  /** The violations of an inline policy (JSON) for checkout; empty when it resolves. */
  private static List<Violation> resolve(String policy) {
    try {
      ReleasePolicy inline = JSON.readValue(policy, ReleasePolicy.class);
      WORKER.resolveOrThrow(
          new ReleaseRequest(
              "checkout",
              "2.3.0",
              "registry.example/checkout:2.3.0",
              "prod",
              Strategy.CANARY,
              null,
              inline,
              "alice",
              null,
              null));
      return List.of();
    } catch (InvalidReleaseException e) {
      return e.violations();
    } catch (java.io.IOException e) {
      throw new AssertionError("test policy does not parse", e);
    }
  }

  private static String policy(String router, String provider, String preflight, String check) {
    return """
        {"router": "%s", "analysis": {"provider": "%s"}, "preflight": [%s],
         "checks": [%s], "stages": [{"weight": 5, "soak": "10m"}, {"weight": 50, "soak": "10m"}]}"""
        .formatted(router, provider, preflight, check);
  }

  private static void assertOne(List<Violation> found, String field, String fragment) {
    assertEquals(1, found.size(), () -> "expected one violation, got " + found);
    assertEquals(field, found.get(0).field());
    assertTrue(found.get(0).rule().contains(fragment), found.get(0).rule());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "quality-gate without min | {\"check\": \"quality-gate\"} | policy.preflight[0].min"
            + " | is required for quality-gate",
        "quality-gate min above 1 | {\"check\": \"quality-gate\", \"min\": 1.5}"
            + " | policy.preflight[0].min | between 0 and 1 (got 1.5)",
        "telemetry-health without min | {\"check\": \"telemetry-health\"}"
            + " | policy.preflight[0].min | is required for telemetry-health",
        "dependencies naming none | {\"check\": \"dependencies\"}"
            + " | policy.preflight[0].dependencies | at least one service",
        "dependencies naming a bad name | {\"check\": \"dependencies\", \"dependencies\":"
            + " [\"Payments DB\"]} | policy.preflight[0].dependencies[0] | DNS-1123",
        "change-freeze window malformed | {\"check\": \"change-freeze\", \"windows\":"
            + " [\"Christmas\"]} | policy.preflight[0].windows[0] | (got 'Christmas')",
        "change-freeze window backwards | {\"check\": \"change-freeze\", \"windows\":"
            + " [\"2024-12-26T00:00:00Z/2024-12-24T00:00:00Z\"]}"
            + " | policy.preflight[0].windows[0] | start before end",
      })
  void aPreflightCheckRefusesSettingsItCannotRunWith(
      String label, String preflight, String field, String fragment) {
    assertOne(resolve(policy("replica-ratio", "prometheus", preflight, "")), field, fragment);
  }

  @Test
  void theKubernetesChecksTakeNoSettingsAndPass() {
    assertEquals(
        List.of(),
        resolve(
            policy(
                "gateway-api",
                "prometheus",
                "{\"check\": \"kubernetes-target\"}, {\"check\": \"kubernetes-access\"}",
                "")));
  }

  @Test
  void aRouterThatWritesWeightsPerTenThousandRefusesFinerWeights() {
    String fine =
        """
        {"router": "%s", "stages": [{"weight": 0.005, "soak": "10m"}, {"weight": 50, "soak": "10m"}]}""";
    assertOne(
        resolve(fine.formatted("gateway-api")),
        "policy.stages[0].weight",
        "0.005 cannot be expressed (use a multiple of 0.01, such as 0.01)");
    assertOne(resolve(fine.formatted("nginx-ingress")), "policy.stages[0].weight", "nginx-ingress");
    assertEquals(List.of(), resolve(fine.formatted("replica-ratio")));
  }

  @Test
  void onlyRoutersThatRouteCohortsTakeAPolicyWithCohorts() {
    String cohorts =
        """
        {"router": "%s", "stages": [{"weight": 1, "soak": "10m", "cohort": "internal_test"},
         {"weight": 50, "soak": "10m"}]}""";
    assertEquals(List.of(), resolve(cohorts.formatted("gateway-api")));
    assertEquals(List.of(), resolve(cohorts.formatted("nginx-ingress")));
    assertOne(
        resolve(cohorts.formatted("replica-ratio")),
        "policy.stages[0].cohort",
        "the replica-ratio router cannot send a cohort to the canary");
    assertOne(
        resolve(cohorts.formatted("unleash")),
        "policy.stages[0].cohort",
        "the unleash router cannot send a cohort");
  }

  @Test
  void theUnleashRouterRefusesWeightsThatAreNotWholePercentages() {
    String half =
        """
        {"router": "unleash", "stages": [{"weight": 0.5, "soak": "10m"}, {"weight": 50, "soak": "10m"}]}""";
    assertOne(
        resolve(half),
        "policy.stages[0].weight",
        "is rolled out in whole percent by the unleash router: 0.5 cannot be expressed"
            + " (use a multiple of 1, such as 1)");
  }

  @Test
  void aRouterTakesOnlyTheSettingsItOffersWithTheValuesItKnows() {
    String settings =
        """
        {"router": "%s", "routerSettings": %s,
         "stages": [{"weight": 5, "soak": "10m"}, {"weight": 50, "soak": "10m"}]}""";
    assertEquals(
        List.of(), resolve(settings.formatted("unleash", "{\"onRollback\": \"disable\"}")));
    assertOne(
        resolve(settings.formatted("unleash", "{\"onRollback\": \"off\"}")),
        "policy.routerSettings.onRollback",
        "'off' is not zero or disable");
    assertOne(
        resolve(settings.formatted("unleash", "{\"stickiness\": \"sessionId\"}")),
        "policy.routerSettings.stickiness",
        "the unleash router has no such setting (it has onRollback)");
    assertOne(
        resolve(settings.formatted("gateway-api", "{\"onRollback\": \"disable\"}")),
        "policy.routerSettings.onRollback",
        "the gateway-api router has no such setting (it has none)");
  }

  @Test
  void theFirebaseHostingRouterRefusesStagesThatNameNoPreviewChannel() {
    String stages =
        """
        {"router": "firebase-hosting", "stages": [{"name": "alpha", "weight": 10, "soak": "1h"},
         {"name": "stable-50", "weight": 50, "soak": "1h"}]}""";
    assertOne(
        resolve(stages),
        "policy.stages[1].name",
        "deploys each stage to the preview channel it is named after (alpha, beta), and Firebase"
            + " Hosting cannot send a share of live traffic: stage 'stable-50' names no channel");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown variable | max(queue_depth{service=\"{{service}}\",pod=\"{{pod}}\"})"
            + " | uses {{pod}}, which is not a variable",
        "spaced variable | max(queue_depth{service=\"{{ service }}\"})"
            + " | uses {{ service }}, which is not a variable",
        "unclosed parenthesis | max(queue_depth{service=\"{{service}}\"}"
            + " | is not valid PromQL: '(' is never closed",
        "bracket closing the wrong one | max(queue_depth[5m)) | does not close the '['",
        "unclosed string | max(queue_depth{service=\"{{service}}}) | string opened with \"",
      })
  void prometheusRefusesACustomQueryItCannotRun(String label, String query, String fragment)
      throws Exception {
    String check =
        "{\"metric\": \"queue-depth\", \"max\": 500, \"query\": "
            + JSON.writeValueAsString(query)
            + "}";
    assertOne(
        resolve(policy("replica-ratio", "prometheus", "", check)),
        "policy.checks[0].query",
        fragment);
  }

  @Test
  void prometheusTakesBracesInsideARegularExpression() throws Exception {
    String query =
        "sum(rate(http_requests_total{service=\"{{service}}\",code=~\"5.{2}\"}[{{window}}]))";
    String check =
        "{\"metric\": \"errors\", \"max\": 5, \"query\": " + JSON.writeValueAsString(query) + "}";
    assertEquals(List.of(), resolve(policy("replica-ratio", "prometheus", "", check)));
  }

  @Test
  void prometheusRefusesAMetricItHasNoQueryFor() {
    assertOne(
        resolve(
            policy(
                "replica-ratio",
                "prometheus",
                "",
                "{\"metric\": \"quality-score\", \"min\": 0.8}")),
        "policy.checks[0].metric",
        "prometheus has no query for quality-score (set rollwright.prometheus.queries.quality-score");
  }

  @Test
  void theLogRouterAndProviderRunAPolicyOfGatesOnlyAndRefuseChecks() {
    assertEquals(List.of(), resolve(policy("log", "log", "", "")));
    assertOne(
        resolve(policy("log", "log", "", "{\"metric\": \"error-rate\", \"max\": 0.01}")),
        "policy.checks[0]",
        "the log metric provider reads no metrics");
  }

  @Test
  void aWorkerSetMayNotTakeTheNameOfABuiltInExtension() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ReleaseActivities(
                    new ReleaseActivities.Parts(
                        new SystemActivityClock(),
                        List.of(),
                        new PolicyActivitiesImpl.Defaults("standard", "log", "log"),
                        Map.of("log", new io.rollwright.activities.traffic.log.LogRouter()),
                        Map.of(),
                        Map.of(),
                        id -> null,
                        List.of(),
                        List.of())));
    assertEquals("'log' is the name of a built-in extension", e.getMessage());
  }
}
