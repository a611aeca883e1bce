package io.rollwright.activities.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.rollwright.activities.webhook.WebhookCaller;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.Violation;
import io.rollwright.policy.Violations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code webhook} pre-flight check against a local endpoint: what it sends and signs, and how
 * each kind of answer (or none) becomes the check's result.
 */
class WebhookCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private final List<String> signatures = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicLong delayMillis = new AtomicLong();
  private final AtomicInteger calls = new AtomicInteger();
  private HttpServer server;
  private final WebhookCheck check =
      new WebhookCheck(new WebhookCaller(Duration.ofMillis(10)), Map.of("smoke", "s3cret"));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/ready",
        exchange -> {
          calls.incrementAndGet();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          try {
            Thread.sleep(delayMillis.get());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          bodies.add(JSON.readTree(body));
          String signature = exchange.getRequestHeaders().getFirst(WebhookCaller.SIGNATURE);
          signatures.add(
              String.valueOf(signature).equals("sha256=" + WebhookCaller.sign("s3cret", body))
                  ? "valid"
                  : String.valueOf(signature));
          byte[] answer = "not ready:\nmigrations pending".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/ready";
  }

  private static PreflightSettings webhook(
      String url, Duration timeout, Integer retries, String secret) {
    return new PreflightSettings(
        "webhook", null, null, null, url, timeout, retries, secret, null, null);
  }

  private static ResolvedRelease release() {
    return new ResolvedRelease(
        new ReleaseRequest(
            "checkout",
            "1.4.2",
            "registry.example/checkout:1.4.2",
            "prod",
            Strategy.CANARY,
            null,
            null,
            "alice",
            null,
            "CHG-7"),
        new ReleasePolicy(
            "p", null, null, "sandbox", null, List.of(), List.of(), List.of(), Map.of(), null, null,
            null, null, null, null, null, null, null, null),
        "test");
  }

  @Test
  void duringASoakTheEndpointIsToldSo() {
    PreflightResult result =
        check.runDuringStage(release(), webhook(url(), null, null, "smoke"), "canary-10", 10);

    assertEquals(new PreflightResult("webhook", true, "127.0.0.1 answered 200"), result);
    assertEquals("during-stage", bodies.get(0).path("phase").asText());
    assertEquals("canary-10", bodies.get(0).path("stage").asText());
    assertEquals(10.0, bodies.get(0).path("weight").asDouble());
  }

  @Test
  void aTwoHundredPassesAndTheEndpointCanVerifyWhoAsked() {
    PreflightResult result = check.run(release(), webhook(url(), null, null, "smoke"));

    assertEquals(new PreflightResult("webhook", true, "127.0.0.1 answered 200"), result);
    JsonNode sent = bodies.get(0);
    assertEquals("preflight", sent.path("phase").asText());
    assertEquals("checkout@prod", sent.path("releaseId").asText());
    assertEquals("1.4.2", sent.path("version").asText());
    assertEquals("alice", sent.path("requestedBy").asText());
    assertEquals("CHG-7", sent.path("changeRef").asText());
    assertEquals(List.of("valid"), signatures, "signed with the worker's secret 'smoke'");
  }

  @Test
  void anyOtherAnswerFailsNamingTheStatusAndWhatTheEndpointSaid() {
    status.set(409);
    PreflightResult result = check.run(release(), webhook(url(), null, 3, null));

    assertEquals(
        new PreflightResult(
            "webhook", false, "127.0.0.1 answered 409: not ready: migrations pending"),
        result);
    assertEquals(1, calls.get(), "an answer is not retried");
    assertEquals(List.of("null"), signatures, "no secret, no signature");
  }

  @Test
  void noAnswerIsInconclusiveAfterEveryRetry() throws IOException {
    delayMillis.set(2500);
    PreflightResult slow = check.run(release(), webhook(url(), Duration.ofSeconds(1), 1, null));
    assertEquals(
        PreflightResult.undecided(
            "webhook", "inconclusive: 127.0.0.1 no answer within 1s (2 attempt(s))"),
        slow);
    assertEquals(2, calls.get());

    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    PreflightResult refused =
        check.run(release(), webhook("http://127.0.0.1:" + closed + "/ready", null, 0, null));
    assertTrue(
        refused.detail().startsWith("inconclusive: 127.0.0.1 unreachable ("), refused.detail());
    assertEquals(false, refused.passed());
    assertEquals(false, refused.failed(), "inconclusive, not failed");
  }

  @Test
  void itsSettingsAreCheckedWhenThePolicyIsResolved() {
    Violations v = new Violations();
    check.checkSettings("policy.preflight[0]", webhook(null, null, null, null), v);
    check.checkSettings(
        "policy.preflight[1]", webhook("ftp://host/x", Duration.ZERO, 11, "nope"), v);
    assertEquals(
        List.of(
            "policy.preflight[0].url: is required: the endpoint to ask",
            "policy.preflight[1].url: must be an absolute http or https URL (got ftp://host/x)",
            "policy.preflight[1].timeout: must be between 1s and 2m (got 0s)",
            "policy.preflight[1].retries: must be between 0 and 10 (got 11)",
            "policy.preflight[1].secret: names secret 'nope', which this worker's"
                + " rollwright.webhooks.secrets do not define"),
        v.list().stream().map(Violation::toString).toList());
  }

  @Test
  void aConfirmCheckTakesAnythingButTwoHundredAsNotYetAndIsOnlyForStages() {
    ConfirmCheck confirm = new ConfirmCheck(check);
    status.set(409);
    PreflightResult notYet =
        confirm.runBeforeStage(release(), webhook(url(), null, 0, "smoke"), "canary-50", 50);
    status.set(200);
    PreflightResult yes =
        confirm.runBeforeStage(release(), webhook(url(), null, 0, "smoke"), "canary-50", 50);

    assertEquals(
        PreflightResult.undecided(
            "confirm", "not confirmed yet: 127.0.0.1 answered 409: not ready: migrations pending"),
        notYet);
    assertEquals(new PreflightResult("confirm", true, "127.0.0.1 answered 200"), yes);
    assertEquals("confirm", bodies.get(0).path("phase").asText());
    assertEquals("canary-50", bodies.get(0).path("stage").asText());
    assertEquals(List.of("valid", "valid"), signatures);

    Violations v = new Violations();
    confirm.checkSettings("policy.preflight[0]", webhook(url(), null, null, null), v);
    confirm.checkSettings("policy.stages[1].before[0]", webhook(url(), null, null, null), v);
    confirm.checkSettings("policy.bake.during[0]", webhook(url(), null, null, null), v);
    String why =
        ".check: 'confirm' waits for a yes before a stage's traffic change: list it in a stage's"
            + " before (at pre-flight or during a soak, use webhook, whose no blocks or rolls back"
            + " the release)";
    assertEquals(
        List.of("policy.preflight[0]" + why, "policy.bake.during[0]" + why),
        v.list().stream().map(Violation::toString).toList());
  }
}
