package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.rollwright.activities.traffic.sandbox.SandboxCluster;
import io.rollwright.activities.webhook.WebhookCaller;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.ReleaseJson;
import io.rollwright.policy.ReleasePolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The {@code webhook} check with the real Temporal server and the worker as a process. At
 * pre-flight, the team's endpoint saying no blocks the release before anything is deployed; saying
 * yes lets it run. Before a stage, saying no rolls the release back before that stage's weight is
 * set. During the first stage's soak, a smoke endpoint saying no rolls the release back at once.
 * Every call is signed with the worker's secret and says where the release is.
 */
class WebhookPreflightIT extends RealServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theTeamsOwnEndpointDecidesWhetherTheReleaseMayGo() throws Exception {
    AtomicInteger status = new AtomicInteger(503);
    AtomicInteger stageStatus = new AtomicInteger(200);
    List<String> signatures = new CopyOnWriteArrayList<>();
    List<String> asked = new CopyOnWriteArrayList<>();
    HttpServer endpoint =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    endpoint.createContext(
        "/ready",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          signatures.add(
              String.valueOf(exchange.getRequestHeaders().getFirst(WebhookCaller.SIGNATURE))
                      .equals("sha256=" + WebhookCaller.sign("s3cret", body))
                  ? "valid"
                  : "invalid");
          JsonNode sent = JSON.readTree(body);
          String phase = sent.path("phase").asText();
          asked.add(
              phase + " " + sent.path("stage").asText() + " " + sent.path("weight").asDouble());
          byte[] answer = "warming caches".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(
              phase.equals("preflight") ? status.get() : stageStatus.get(), answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    AtomicInteger smokeStatus = new AtomicInteger(200);
    List<String> smoked = new CopyOnWriteArrayList<>();
    endpoint.createContext(
        "/smoke",
        exchange -> {
          JsonNode sent = JSON.readTree(exchange.getRequestBody().readAllBytes());
          smoked.add(
              sent.path("phase").asText()
                  + " "
                  + sent.path("stage").asText()
                  + " "
                  + sent.path("version").asText());
          byte[] answer = "checkout smoke: 3 of 40 failed".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(smokeStatus.get(), answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    endpoint.start();
    ReleasePolicy policy =
        ReleaseJson.read(
            """
            {"preflight": [{"check": "webhook", "url": "http://127.0.0.1:%d/ready",
                            "secret": "smoke", "timeout": "5s", "retries": 0}],
             "analysis": {"interval": "1s"},
             "checks": [{"metric": "error-rate", "max": 0.10}],
             "stages": [{"name": "canary-25", "weight": 25, "soak": "6s",
                         "during": [{"check": "webhook", "url": "http://127.0.0.1:%d/smoke",
                                     "timeout": "5s", "retries": 0}]},
                        {"name": "canary-50", "weight": 50, "soak": "2s",
                         "before": [{"check": "webhook", "url": "http://127.0.0.1:%d/ready",
                                     "secret": "smoke", "timeout": "5s", "retries": 0}]}]}
            """
                .formatted(
                    endpoint.getAddress().getPort(),
                    endpoint.getAddress().getPort(),
                    endpoint.getAddress().getPort()),
            ReleasePolicy.class,
            "policy");
    ReleaseRequest base = request("smoke", null);
    ReleaseRequest request =
        new ReleaseRequest(
            base.service(),
            base.version(),
            base.image(),
            base.environment(),
            base.strategy(),
            null,
            policy,
            base.requestedBy(),
            null,
            base.changeRef());
    try (AppProcess worker =
        worker("webhook-worker", "--rollwright.webhooks.secrets.smoke=s3cret")) {
      ReleaseResult blocked = result(start(request), Duration.ofMinutes(1));
      assertEquals(ReleaseOutcome.BLOCKED, blocked.outcome(), blocked.detail());
      assertTrue(blocked.detail().contains("answered 503: warming caches"), blocked.detail());
      assertEquals(List.of(), AppProcess.actions(journal(), "smoke"), "nothing was deployed");
      assertEquals(
          List.of(new PreflightResult("webhook", false, "127.0.0.1 answered 503: warming caches")),
          release("smoke@prod").status().preflight());

      status.set(200);
      ReleaseResult promoted = result(start(request), Duration.ofMinutes(1));
      assertEquals(ReleaseOutcome.PROMOTED, promoted.outcome(), promoted.detail());

      stageStatus.set(409);
      ReleaseResult stopped = result(start(request), Duration.ofMinutes(1));
      assertEquals(ReleaseOutcome.ROLLED_BACK, stopped.outcome(), stopped.detail());
      assertEquals(RollbackReason.ANALYSIS, stopped.rollbackReason());
      assertEquals(
          "before stage canary-50: webhook: 127.0.0.1 answered 409: warming caches",
          stopped.detail());
      assertEquals(
          List.of(
              "preflight null 0.0",
              "preflight null 0.0",
              "before-stage canary-50 50.0",
              "preflight null 0.0",
              "before-stage canary-50 50.0"),
          asked);
      assertEquals(List.of("valid", "valid", "valid", "valid", "valid"), signatures);
      List<String> weights =
          AppProcess.actions(journal(), "smoke").stream()
              .map(SandboxCluster.Action::action)
              .filter(a -> a.startsWith("set-weight"))
              .toList();
      assertEquals(
          List.of("set-weight 25%", "set-weight 50%", "set-weight 100%", "set-weight 25%"),
          weights,
          "the release stopped before its second stage never reached 50%");

      stageStatus.set(200);
      smokeStatus.set(500);
      ReleaseResult smokeFailed = result(start(request), Duration.ofMinutes(1));
      assertEquals(ReleaseOutcome.ROLLED_BACK, smokeFailed.outcome(), smokeFailed.detail());
      assertEquals(
          "during stage canary-25: webhook: 127.0.0.1 answered 500: checkout smoke: 3 of 40"
              + " failed",
          smokeFailed.detail());
      assertEquals(
          List.of(
              "during-stage canary-25 2.3.0",
              "during-stage canary-25 2.3.0",
              "during-stage canary-25 2.3.0"),
          smoked,
          "asked once in each soak of canary-25 the three releases that reached it ran");
    } finally {
      endpoint.stop(0);
    }
  }
}
