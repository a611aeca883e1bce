package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Temporal server stops while a release waits for approval and starts again on the same
 * database file; the worker's health shows the connection go down and come back.
 */
class ServerRestartIT extends RealServerTest {
  @Test
  void releaseWaitingForApprovalSurvivesAServerRestart() throws Exception {
    try (AppProcess worker = worker("restart")) {
      awaitTemporalHealth(worker, "UP");
      String id = start(request("inventory", "gate"));
      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));

      server.stop();
      awaitTemporalHealth(worker, "DOWN");
      server.restart();
      awaitTemporalHealth(worker, "UP");

      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));
      release(id).approve(new ApprovalDecision("carol", "after the restart"));
      ReleaseResult result = result(id, Duration.ofMinutes(2));
      assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    }
  }

  /**
   * The worker's {@code /actuator/health} reports the Temporal connection as its {@code temporal}
   * component.
   */
  private static void awaitTemporalHealth(AppProcess worker, String status)
      throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.port() + "/actuator/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    await(
        "temporal health " + status,
        Duration.ofMinutes(1),
        () -> {
          try {
            JsonNode body =
                new ObjectMapper()
                    .readTree(http.send(health, HttpResponse.BodyHandlers.ofString()).body());
            return status.equals(body.path("components").path("temporal").path("status").asText());
          } catch (Exception notUpYet) {
            return false;
          }
        });
  }
}
