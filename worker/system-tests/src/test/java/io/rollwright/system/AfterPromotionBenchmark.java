package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.RollbackReason;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code bench/after-promotion} benchmark, on the real control plane with the replica-ratio
 * router: a release whose bake fails (its p95 latency, which only the bake checks, is scripted
 * high), and a release aborted by an alert that the real Prometheus fires on its canary's errors
 * and the real Alertmanager sends to the starter service's receiver. Prints the seconds from the
 * bake's failed verdict, and from the alert's abort, until the previous version is fully available
 * again with the canary at zero.
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class AfterPromotionBenchmark extends RealClusterTest {
  private static final String NS = "after-promotion";
  private static final String TOKEN = "bench-alerts";
  private static final String ROUTER = "replica-ratio";

  private static final String RULES =
      """
      groups:
        - name: bench
          rules:
            - alert: AlertedCanaryErrors
              expr: >-
                (sum(rate(http_requests_total{service="alerted",track="canary",code=~"5.."}[5s])) or vector(0))
                / sum(rate(http_requests_total{service="alerted",track="canary"}[5s])) > 0.1
              labels: {service: alerted, environment: %s, severity: page}
              annotations: {summary: "canary 5xx above 10%%"}
      """
          .formatted(NS);

  @Test
  void bakeBreachAndAlertBackToThePreviousVersion() throws Exception {
    cluster.releaseNamespace(NS);
    cluster.service(NS, "baked", REPLICAS, image("baked", OLD));
    cluster.service(NS, "alerted", REPLICAS, image("alerted", OLD));
    ReleaseResult baked;
    ReleaseResult alerted;
    long bakeFailedAt;
    long abortedAt;
    try (DemoHttpService stable = new DemoHttpService();
        DemoHttpService canary = new DemoHttpService();
        PrometheusServer prometheus =
            PrometheusServer.start(
                dir.resolve("prometheus"),
                "alerted",
                NS,
                stable.metricsPort(),
                canary.metricsPort());
        AppProcess service =
            AppProcess.service(
                    server, dir.resolve("alerts-service.log"), "--rollwright.alerts.token=" + TOKEN)
                .awaitUp(Duration.ofSeconds(90));
        AlertmanagerServer alertmanager =
            AlertmanagerServer.start(
                dir.resolve("alertmanager"),
                "http://127.0.0.1:" + service.port() + "/alerts/alertmanager",
                TOKEN);
        AppProcess worker =
            clusterWorker(
                "after-promotion",
                "--rollwright.sandbox.metrics[0]=baked canary latency-p95 = 900");
        ClusterSampler bakedSampler = new ClusterSampler(cluster, NS, "baked", ROUTER, REPLICAS);
        ClusterSampler alertedSampler =
            new ClusterSampler(cluster, NS, "alerted", ROUTER, REPLICAS)) {
      prometheus.alertTo(alertmanager.address(), RULES);
      String bakedId = start(request(NS, "baked", "cluster-baked"));
      String alertedId = start(request(NS, "alerted", "cluster-alerted"));
      await(
          "the alerted release's first stage",
          Duration.ofMinutes(1),
          () -> audited(alertedId, "stage canary-25 started"));
      canary.errorRate(0.3);
      baked = result(bakedId, Duration.ofMinutes(3));
      alerted = result(alertedId, Duration.ofMinutes(3));
      bakeFailedAt =
          firstAt(bakedId, e -> e.action().equals("analysis FAIL"), "the bake's failed verdict");
      abortedAt = firstAt(alertedId, ControlEvent.Aborted.class::isInstance, "the alert's abort");
      print(
          "bake_breach_to_previous_available_s",
          (bakedSampler.stableAgain(bakeFailedAt) - bakeFailedAt) / 1000.0);
      print(
          "alert_fired_to_stable_available_s",
          (alertedSampler.stableAgain(abortedAt) - abortedAt) / 1000.0);
      print(
          "min_available_ratio_bake",
          Math.min(bakedSampler.minCapacity(), alertedSampler.minCapacity()));
      print("pod_start_delay_s", KubernetesControlPlane.POD_START_DELAY_MS / 1000.0);
    }
    assertEquals(ReleaseOutcome.ROLLED_BACK, baked.outcome(), baked::toString);
    assertEquals(RollbackReason.BAKE, baked.rollbackReason(), baked::toString);
    assertEquals(ReleaseOutcome.ROLLED_BACK, alerted.outcome(), alerted::toString);
    assertTrue(alerted.detail().contains("AlertedCanaryErrors"), alerted::toString);
  }

  private static long firstAt(String releaseId, Predicate<AuditEntry> which, String what) {
    return release(releaseId).status().audit().stream()
        .filter(which)
        .mapToLong(AuditEntry::atMillis)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + what + " in the audit of " + releaseId));
  }
}
