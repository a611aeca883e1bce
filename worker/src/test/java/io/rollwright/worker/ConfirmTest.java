package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RollbackReason;
import io.rollwright.client.ReleaseControls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code confirm} check before the second stage, against a local endpoint that says "not yet"
 * (409) until it is told to say yes: the stage waits with the canary at its weight, asking again
 * every minute, told once; the yes moves it on; an abort while it waits rolls back.
 */
class ConfirmTest extends TimeSkippingReleaseTest {
  private final AtomicBoolean yes = new AtomicBoolean();
  private final AtomicInteger asked = new AtomicInteger();
  private HttpServer endpoint;

  @BeforeEach
  void startEndpoint() throws IOException {
    endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    endpoint.createContext(
        "/go",
        exchange -> {
          asked.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          byte[] answer =
              (yes.get() ? "go" : "change window closed").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(yes.get() ? 200 : 409, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    endpoint.start();
  }

  @AfterEach
  void stopEndpoint() {
    endpoint.stop(0);
  }

  private ReleaseRequest request() {
    return ReleaseRequest.fromJson(
        """
        {"service": "checkout", "version": "2.3.0", "image": "registry.example/checkout:2.3.0",
         "environment": "prod", "strategy": "canary", "requestedBy": "alice",
         "inlinePolicy": {"analysis": {"interval": "30s"},
           "checks": [{"metric": "error-rate", "max": 0.05}],
           "stages": [{"name": "canary-10", "weight": 10, "soak": "10m"},
                      {"name": "canary-50", "weight": 50, "soak": "10m",
                       "before": [{"check": "confirm", "url": "http://127.0.0.1:%d/go",
                                   "timeout": "1s", "retries": 0}]}]}}"""
            .formatted(endpoint.getAddress().getPort()));
  }

  private static long told(ReleaseStatus s) {
    return s.audit().stream().filter(ProgressEvent.AwaitingConfirmation.class::isInstance).count();
  }

  @Test
  void theStageWaitsForTheYesWithTheCanaryAtItsWeightThenGoesOn() {
    ReleaseWorkflow release = h.start(request());
    h.waitFor(Duration.ofMinutes(40));

    ReleaseStatus waiting = release.status();
    assertEquals("canary-50", waiting.stage());
    assertEquals(10.0, waiting.weight(), "the canary keeps its weight while it waits");
    assertEquals(1, told(waiting), "told once, however often it is asked again");
    AuditEntry note =
        waiting.audit().stream()
            .filter(ProgressEvent.AwaitingConfirmation.class::isInstance)
            .findFirst()
            .orElseThrow();
    assertEquals(
        "before stage canary-50: not confirmed yet: 127.0.0.1 answered 409: change window closed;"
            + " asked again until it says yes",
        note.detail());
    assertTrue(asked.get() >= 25, "asked about every minute for 30 minutes: " + asked.get());

    yes.set(true);
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(List.of(10.0, 50.0, 100.0, 0.0), h.weights("checkout"));
  }

  @Test
  void anAbortWhileItWaitsRollsBack() {
    ReleaseWorkflow release = h.start(request());
    h.waitFor(Duration.ofMinutes(15));
    assertEquals(1, told(release.status()));

    assertTrue(
        new ReleaseControls(h.client, Duration.ofSeconds(30))
            .send("checkout@prod", new ControlCommand(Action.ABORT, "oncall-sam", "no window"))
            .accepted());
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.ABORTED, result.rollbackReason());
    assertEquals(List.of(10.0, 0.0), h.weights("checkout"), "50% was never set");
  }
}
