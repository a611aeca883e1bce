package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.RollbackReason;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole releases on a real Kubernetes control plane ({@link KubernetesControlPlane}), the worker a
 * separate process talking to the API server as the shipped ServiceAccount with exactly the shipped
 * Role. What is asserted is what the cluster reports: available replicas, the HTTPRoute and the
 * Ingress as read back, sampled every 50 ms while the release runs.
 */
class RealClusterIT extends RealClusterTest {
  /**
   * Three releases at once through one router: {@code web} promotes, {@code pay}'s canary errors
   * breach the limit, {@code cart} is aborted by on-call at 25%. Each ends with stable fully
   * available at the right version and the canary at zero, the route back on stable; the service
   * never ran below its 4 replicas, and the cluster showed the canary at 25% and 50% on the way.
   */
  @ParameterizedTest
  @ValueSource(strings = {"replica-ratio", "gateway-api", "nginx-ingress"})
  void promotesRollsBackOnABreachAndOnAnAbort(String router) throws Exception {
    String ns = "releases-" + router;
    cluster.releaseNamespace(ns);
    for (String service : List.of("web", "pay", "cart")) {
      cluster.service(ns, service, REPLICAS, image(service, OLD));
    }
    Map<String, ReleaseResult> results = new java.util.HashMap<>();
    Map<String, ClusterSampler> samplers = new java.util.HashMap<>();
    try (AppProcess worker =
        clusterWorker(
            "releases-" + router, "--rollwright.sandbox.metrics[0]=pay canary error-rate = 0.3")) {
      for (String service : List.of("web", "pay", "cart")) {
        samplers.put(service, new ClusterSampler(cluster, ns, service, router, REPLICAS));
        start(ns, service, router);
      }
      String cart = "cart@" + ns;
      await(
          "cart's first stage",
          Duration.ofMinutes(1),
          () -> audited(cart, "stage canary-25 started"));
      release(cart).abort(new ControlRequest("oncall-sam", "pager storm in cart"));
      for (String service : List.of("web", "pay", "cart")) {
        results.put(service, result(service + "@" + ns, Duration.ofMinutes(3)));
      }
    } finally {
      for (ClusterSampler s : samplers.values()) {
        s.close();
      }
    }
    ReleaseResult web = results.get("web");
    ReleaseResult pay = results.get("pay");
    ReleaseResult cart = results.get("cart");
    assertAll(
        () -> assertEquals(ReleaseOutcome.PROMOTED, web.outcome(), web::toString),
        () -> assertSettled(ns, "web", router, NEW),
        () ->
            assertTrue(
                samplers.get("web").weightsSeen().containsAll(List.of(25.0, 50.0)),
                "the cluster showed web's canary at 25% and 50%: "
                    + samplers.get("web").weightsSeen()),
        () -> assertEquals(ReleaseOutcome.ROLLED_BACK, pay.outcome(), pay::toString),
        () -> assertEquals(RollbackReason.ANALYSIS, pay.rollbackReason(), pay::toString),
        () -> assertSettled(ns, "pay", router, OLD),
        () -> assertEquals(ReleaseOutcome.ROLLED_BACK, cart.outcome(), cart::toString),
        () -> assertEquals(RollbackReason.ABORTED, cart.rollbackReason(), cart::toString),
        () -> assertTrue(cart.detail().contains("oncall-sam"), cart::toString),
        () -> assertSettled(ns, "cart", router, OLD));
    for (Map.Entry<String, ClusterSampler> s : samplers.entrySet()) {
      assertTrue(
          s.getValue().minCapacity() >= 1.0,
          s.getKey()
              + " ran below its capacity: min "
              + s.getValue().minCapacity()
              + " over "
              + s.getValue().samples().size()
              + " samples");
    }
  }

  /**
   * Two releases with an 8 s bake: {@code calm} bakes and promotes; {@code slow}'s p95 latency,
   * which only the bake checks, fails the bake. While baking the new version carried all traffic
   * with the previous one at zero (kept, not deleted); the breach brought the previous version back
   * at its full count before the canary went, and neither service ever ran below its capacity. (A
   * watch through HTTPRoute weights runs in {@link RollbackIT}.)
   */
  @Test
  void aBakeKeepsThePreviousVersionIdleAndReturnsToItOnABreach() throws Exception {
    String router = "replica-ratio";
    String ns = "bake-" + router;
    cluster.releaseNamespace(ns);
    String policy = "cluster-baked";
    Map<String, ReleaseResult> results = new java.util.HashMap<>();
    Map<String, ClusterSampler> samplers = new java.util.HashMap<>();
    try (AppProcess worker =
        clusterWorker(
            "bake-" + router, "--rollwright.sandbox.metrics[0]=slow canary latency-p95 = 900")) {
      for (String service : List.of("calm", "slow")) {
        cluster.service(ns, service, REPLICAS, image(service, OLD));
        samplers.put(service, new ClusterSampler(cluster, ns, service, router, REPLICAS));
        start(request(ns, service, policy));
      }
      for (String service : List.of("calm", "slow")) {
        results.put(service, result(service + "@" + ns, Duration.ofMinutes(3)));
      }
    } finally {
      for (ClusterSampler s : samplers.values()) {
        s.close();
      }
    }
    ReleaseResult calm = results.get("calm");
    ReleaseResult slow = results.get("slow");
    assertAll(
        () -> assertEquals(ReleaseOutcome.PROMOTED, calm.outcome(), calm::toString),
        () -> assertTrue(calm.detail().endsWith("then the bake of 8s"), calm::toString),
        () -> assertSettled(ns, "calm", router, NEW),
        () -> assertEquals(ReleaseOutcome.ROLLED_BACK, slow.outcome(), slow::toString),
        () -> assertEquals(RollbackReason.BAKE, slow.rollbackReason(), slow::toString),
        () -> assertTrue(slow.detail().contains("latency-p95"), slow::toString),
        () -> assertSettled(ns, "slow", router, OLD));
    for (Map.Entry<String, ClusterSampler> s : samplers.entrySet()) {
      assertTrue(
          s.getValue().samples().stream()
              .anyMatch(
                  x ->
                      x.weight() == 100
                          && x.canaryAvailable() == REPLICAS
                          && x.stableAvailable() == 0),
          s.getKey() + " baked with all traffic on the new version and the previous one at zero");
      assertTrue(
          s.getValue().minCapacity() >= 1.0,
          s.getKey() + " ran below its capacity: min " + s.getValue().minCapacity());
    }
  }

  /**
   * The worker is killed -9 while a weight step waits for the canary's pods (they take 6 s to
   * start; for the weighted routers the canary's pods are deleted during the first soak, so the
   * next step must wait for them to come back). A second worker re-runs the step: the release
   * promotes, the step ran twice, and capacity never dipped.
   */
  @ParameterizedTest
  @ValueSource(strings = {"replica-ratio", "gateway-api", "nginx-ingress"})
  void aWorkerKilledInTheMiddleOfAWeightStepReRunsItSafely(String router) throws Exception {
    String ns = "kill-" + router;
    cluster.releaseNamespace(ns);
    cluster.service(ns, "api", REPLICAS, image("api", OLD), "6s");
    String id;
    ReleaseResult result;
    try (ClusterSampler sampler = new ClusterSampler(cluster, ns, "api", router, REPLICAS)) {
      try (AppProcess first = clusterWorker("kill-" + router + "-1")) {
        id = start(ns, "api", router);
        await(
            "api's first stage",
            Duration.ofMinutes(1),
            () -> audited(id, "stage canary-25 started"));
        if (!router.equals("replica-ratio")) {
          cluster.deletePods(ns, Map.of("app", "api", "track", "canary"));
        }
        await(
            "the 50% weight step to be running",
            Duration.ofMinutes(1), () -> weightStepRunning(id));
        first.kill9();
      }
      try (AppProcess second = clusterWorker("kill-" + router + "-2")) {
        result = result(id, Duration.ofMinutes(3));
      }
      assertTrue(
          sampler.minCapacity() >= 1.0, "api ran below its capacity: " + sampler.minCapacity());
    }
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result::toString);
    assertSettled(ns, "api", router, NEW);
    assertTrue(setWeightAttempts(id) >= 2, "the weight step was re-run after the kill");
  }

  /**
   * A release terminated from outside at 25% runs no rollback of its own: the termination guard
   * restores stable on the cluster with the release's rollback, capacity never dipping.
   */
  @Test
  void aReleaseTerminatedMidCanaryIsRestoredByTheTerminationGuard() throws Exception {
    String ns = "terminated";
    cluster.releaseNamespace(ns);
    cluster.service(ns, "api", REPLICAS, image("api", OLD));
    try (ClusterSampler sampler =
            new ClusterSampler(cluster, ns, "api", "replica-ratio", REPLICAS);
        AppProcess worker = clusterWorker("terminated", "--rollwright.guard.every=1s")) {
      String id = start(ns, "api", "replica-ratio");
      await(
          "api's first stage", Duration.ofMinutes(1), () -> audited(id, "stage canary-25 started"));
      assertEquals(1, cluster.replicas(ns, "api-canary"), "the canary runs 1 of 4 replicas");
      server.client().newUntypedWorkflowStub(id).terminate("terminated by an operator mid-canary");
      await(
          "stable restored by the guard",
          Duration.ofMinutes(1),
          () ->
              cluster.replicas(ns, "api-canary") == 0 && cluster.available(ns, "api") == REPLICAS);
      assertTrue(
          sampler.minCapacity() >= 1.0, "api ran below its capacity: " + sampler.minCapacity());
    }
    assertSettled(ns, "api", "replica-ratio", OLD);
  }

  /**
   * With the shipped Role short of one verb, pre-flight blocks the release naming it, and nothing
   * moved.
   */
  @Test
  void theShippedRoleShortOfAVerbBlocksAtPreflightNamingIt() throws Exception {
    String ns = "short-role";
    cluster.releaseNamespace(ns);
    cluster.withoutVerb(ns, "deployments", "patch");
    cluster.service(ns, "api", REPLICAS, image("api", OLD));
    ReleaseResult result;
    List<PreflightResult> preflight;
    try (AppProcess worker = clusterWorker("short-role")) {
      String id = start(ns, "api", "replica-ratio");
      result = result(id, Duration.ofMinutes(2));
      preflight = release(id).status().preflight();
    }
    List<PreflightResult> access =
        preflight.stream().filter(p -> p.check().equals("kubernetes-access")).toList();
    assertAll(
        () -> assertEquals(ReleaseOutcome.BLOCKED, result.outcome(), result::toString),
        () -> assertEquals(1, access.size(), result::toString),
        () ->
            assertTrue(
                !access.get(0).passed()
                    && access.get(0).detail().contains("patch apps/deployments"),
                access::toString),
        () -> assertNull(cluster.deployment(ns, "api-canary"), "no canary was created"),
        () -> assertEquals(image("api", OLD), cluster.image(ns, "api")),
        () -> assertEquals(REPLICAS, cluster.available(ns, "api")));
  }

  /**
   * A quota leaves no room for the canary's pods: the weight step fails when the progress deadline
   * passes, saying why, and the release rolls back with stable untouched at full capacity.
   */
  @Test
  void podsThatNeverBecomeAvailableFailTheStepWithTheReasonAndRollBack() throws Exception {
    String ns = "no-room";
    cluster.releaseNamespace(ns);
    cluster.service(ns, "api", REPLICAS, image("api", OLD));
    KubernetesControlPlane.shared()
        .admin()
        .resourceQuotas()
        .inNamespace(ns)
        .resource(
            new ResourceQuotaBuilder()
                .withNewMetadata()
                .withName("pods")
                .endMetadata()
                .withNewSpec()
                .addToHard("pods", new Quantity(String.valueOf(REPLICAS)))
                .endSpec()
                .build())
        .create();
    ReleaseResult result;
    try (AppProcess worker = clusterWorker("no-room")) {
      result = result(start(ns, "api", "replica-ratio"), Duration.ofMinutes(3));
    }
    assertAll(
        () -> assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result::toString),
        () -> assertEquals(RollbackReason.ERROR, result.rollbackReason(), result::toString),
        () ->
            assertTrue(
                result.detail().contains("not available after 20s")
                    && result.detail().contains("exceeded quota"),
                result::toString),
        () -> assertSettled(ns, "api", "replica-ratio", OLD));
  }

  /**
   * Stable runs {@code version} on all its replicas, available; the canary has none; traffic is all
   * on stable.
   */
  private static void assertSettled(String ns, String service, String router, String version) {
    assertAll(
        service + " settled",
        () -> assertEquals(image(service, version), cluster.image(ns, service)),
        () -> assertEquals(REPLICAS, cluster.replicas(ns, service)),
        () -> assertEquals(REPLICAS, cluster.available(ns, service)),
        () -> assertEquals(0, cluster.replicas(ns, service + "-canary")),
        () -> assertEquals(0, cluster.available(ns, service + "-canary")),
        () -> {
          switch (router) {
            case "gateway-api" ->
                assertEquals(
                    Map.of(service + "-stable", 10_000), cluster.routeWeights(ns, service));
            case "nginx-ingress" -> assertNull(cluster.canaryIngress(ns, service));
            default -> {}
          }
        });
  }

  /** A SetWeight activity other than the first stage's is running on a worker. */
  private static boolean weightStepRunning(String releaseId) {
    var description = describe(releaseId);
    return audited(releaseId, "stage canary-25 started")
        && description.getPendingActivitiesList().stream()
            .anyMatch(
                a ->
                    a.getActivityType().getName().equals("SetWeight")
                        && a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);
  }

  /** The highest attempt any SetWeight activity of the release was started with. */
  private static int setWeightAttempts(String releaseId) {
    List<HistoryEvent> events =
        server.client().fetchHistory(releaseId).getHistory().getEventsList();
    List<Long> setWeights =
        events.stream()
            .filter(
                e ->
                    e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                        && e.getActivityTaskScheduledEventAttributes()
                            .getActivityType()
                            .getName()
                            .equals("SetWeight"))
            .map(HistoryEvent::getEventId)
            .toList();
    return events.stream()
        .filter(
            e ->
                e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
                    && setWeights.contains(
                        e.getActivityTaskStartedEventAttributes().getScheduledEventId()))
        .mapToInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
        .max()
        .orElse(0);
  }
}
