package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.rollwright.activities.webhook.WebhookCaller;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
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
 * The {@code webhook} pre-flight check with the real Temporal server and the worker as a process:
 * the team's endpoint saying no blocks the release before anything is deployed; saying yes lets it
 * run to promotion. Every call is signed with the worker's secret.
 */
class WebhookPreflightIT extends RealServerTest {
  @Test
  void theTeamsOwnEndpointDecidesWhetherTheReleaseMayGo() throws Exception {
    AtomicInteger status = new AtomicInteger(503);
    List<String> signatures = new CopyOnWriteArrayList<>();
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
          byte[] answer = "warming caches".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), answer.length);
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
             "stages": [{"name": "canary-50", "weight": 50, "soak": "2s"}]}
            """
                .formatted(endpoint.getAddress().getPort()),
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
      assertEquals(List.of("valid", "valid"), signatures);
    } finally {
      endpoint.stop(0);
    }
  }
}
