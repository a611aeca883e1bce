package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ControlRequest;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.RollbackReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Soak analysis against the real Prometheus scraping a real service's stable and canary instances:
 * a healthy canary is promoted, injected errors roll it back with the measured rate in the reason,
 * an app's crash-free rate, measured by a policy's own query, rolls it back when crashes rise, and
 * Prometheus going away pauses the release as INCONCLUSIVE instead of rolling it back.
 */
class PrometheusAnalysisIT extends PrometheusTest {
  @AfterEach
  void healthyAgain() {
    canary.errorRate(0);
    canary.crashRate(0);
  }

  @Test
  void healthyCanaryIsPromoted() throws Exception {
    try (AppProcess worker = analysingWorker("prom-healthy")) {
      String id = start(request(SERVICE, "prom"));
      ReleaseResult result = result(id, Duration.ofMinutes(2));
      assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());

      String exposed =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + worker.port() + "/actuator/prometheus"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(
          exposed.contains(
              "rollwright_releases_finished_total{environment=\"prod\",outcome=\"PROMOTED\",service=\"shop\"} 1.0"),
          exposed);
      assertTrue(
          exposed.contains(
              "rollwright_releases_started_total{environment=\"prod\",service=\"shop\"} 1.0"),
          exposed);
      assertTrue(
          exposed.contains(
              "rollwright_release_weight{environment=\"prod\",service=\"shop\"} 100.0"),
          exposed);
      assertTrue(
          exposed.contains(
              "rollwright_stage_duration_seconds_count{environment=\"prod\",service=\"shop\"} 2"),
          exposed);
      assertTrue(
          exposed.contains(
              "rollwright_verdicts_total{check=\"error-rate\",environment=\"prod\",result=\"PASS\",service=\"shop\"} 2.0"),
          exposed);
      assertTrue(exposed.contains("temporal_"), "the Temporal SDK's own metrics are there too");
    }
  }

  @Test
  void errorsInjectedDuringASoakRollBackWithTheMeasuredRate() throws Exception {
    try (AppProcess worker = analysingWorker("prom-errors")) {
      String id = start(request(SERVICE, "prom"));
      awaitPhase(id, Phase.SOAKING, Duration.ofMinutes(1));
      canary.errorRate(0.3);

      ReleaseResult result = result(id, Duration.ofMinutes(2));

      assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
      assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
      assertTrue(result.detail().matches("error-rate \\d+\\.\\d\\d% > 5\\.00%.*"), result.detail());
    }
  }

  @Test
  void aCrashFreeRateFromThePolicysOwnQueryRollsBackWhenCrashesRise() throws Exception {
    try (AppProcess worker = analysingWorker("prom-crashes")) {
      String id = start(request(SERVICE, "prom-crash-free"));
      awaitPhase(id, Phase.SOAKING, Duration.ofMinutes(1));
      canary.crashRate(0.2);

      ReleaseResult result = result(id, Duration.ofMinutes(2));

      assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
      assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
      assertTrue(
          result.detail().matches("crash-free-rate 0\\.\\d{4} < 0\\.9900.*"), result.detail());
    }
  }

  @Test
  void prometheusStoppedMidSoakPausesInconclusiveAndNeverRollsBack() throws Exception {
    try (AppProcess worker = analysingWorker("prom-down")) {
      String id = start(request(SERVICE, "prom"));
      awaitPhase(id, Phase.SOAKING, Duration.ofMinutes(1));
      prometheus.stop();

      awaitPhase(id, Phase.PAUSED, Duration.ofMinutes(1));
      ReleaseStatus paused = release(id).status();
      assertTrue(paused.pausedBecause().startsWith("INCONCLUSIVE"), paused.pausedBecause());
      assertTrue(paused.pausedBecause().contains("unreachable"), paused.pausedBecause());
      assertEquals(
          25.0, paused.weight(), "the canary keeps its traffic: no rollback for missing data");

      prometheus.startProcess();
      awaitTraffic();
      release(id).resume(new ControlRequest("oncall-sam", "Prometheus is back"));
      ReleaseResult result = result(id, Duration.ofMinutes(2));
      assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    }
  }
}
