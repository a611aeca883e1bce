package io.rollwright.system;

import static io.rollwright.system.RestCalls.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.system.RestCalls.Reply;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API of the starter service, every endpoint and every error path, against the real dev
 * server.
 */
class RestApiIT extends RealServerTest {
  private static AppProcess worker;
  private static AppProcess service;

  @BeforeAll
  static void startApps() throws Exception {
    worker = worker("rest-worker");
    service =
        AppProcess.service(
                server,
                dir.resolve("rest-service.log"),
                "--rollwright.api.tokens.alice=tok-alice",
                "--rollwright.api.tokens.bob=tok-bob",
                "--rollwright.api.tokens.ci-bot=tok-ci")
            .awaitUp(Duration.ofSeconds(90));
  }

  @AfterAll
  static void stopApps() throws InterruptedException {
    closeAll(service, worker);
  }

  private static Reply call(String method, String path, String token, String body)
      throws Exception {
    return RestCalls.call(service, method, path, token, body);
  }

  private static String requestJson(String service, String policy) {
    return """
        {"service":"%s","version":"2.3.0","image":"registry.example/%s:2.3.0","environment":"prod","policy":"%s",
         "changeRef":"c0ffee","changeCommittedAt":"%s"}"""
        .formatted(service, service, policy, Instant.now().minusSeconds(7200));
  }

  @Test
  void startApproveAndReadAsTheAuthenticatedCaller() throws Exception {
    Reply started = call("POST", "/releases", "tok-alice", requestJson("checkout", "gate"));
    assertEquals(201, started.status(), started.raw().body());
    assertEquals(
        "/releases/checkout@prod", started.raw().headers().firstValue("Location").orElseThrow());
    assertEquals("checkout@prod", started.body().path("releaseId").asText());
    assertTrue(
        started
            .body()
            .path("link")
            .asText()
            .startsWith("http://localhost:8233/namespaces/default/workflows/checkout%40prod/"));
    assertProblem(
        call("POST", "/releases", "tok-ci", requestJson("checkout", "gate")),
        409,
        "checkout@prod already has a release in progress");

    awaitPhase("checkout@prod", Phase.AWAITING_APPROVAL, Duration.ofSeconds(60));
    Reply status = call("GET", "/releases/checkout@prod", "tok-ci", null);
    assertEquals(200, status.status());
    assertEquals("AWAITING_APPROVAL", status.body().path("phase").asText());
    assertEquals("alice", status.body().path("requestedBy").asText(), "requested by the caller");

    assertProblem(
        call("POST", "/releases/checkout@prod/approve", "tok-alice", "{}"),
        409,
        "alice requested this release and cannot approve it");
    Reply approved =
        call(
            "POST",
            "/releases/checkout@prod/approve",
            "tok-bob",
            "{\"reason\":\"dashboards clean\"}");
    assertEquals(200, approved.status(), approved.raw().body());
    assertEquals("approved by bob (1 of 1)", approved.body().path("message").asText());

    assertEquals(
        ReleaseOutcome.PROMOTED, result("checkout@prod", Duration.ofSeconds(60)).outcome());
    List<AuditEntry> audit = release("checkout@prod").status().audit();
    assertTrue(
        audit.stream().anyMatch(e -> e.actor().equals("bob") && e.action().equals("approved")),
        audit.toString());
    assertTrue(
        audit.stream().noneMatch(e -> e.actor().equals("alice")),
        "alice's self-approval was refused before it was accepted: " + audit);
    assertProblem(
        call("POST", "/releases/checkout@prod/reject", "tok-bob", "{\"reason\":\"late\"}"),
        409,
        "has ended (PROMOTED)");

    await(
        "checkout in visibility",
        Duration.ofSeconds(30),
        () -> {
          try {
            return call("GET", "/releases?env=prod&since=1d", "tok-ci", null)
                .body()
                .path("releases")
                .toString()
                .contains("\"PROMOTED\"");
          } catch (Exception e) {
            return false;
          }
        });
    Reply page = call("GET", "/releases?service=checkout&env=prod&since=1d", "tok-ci", null);
    assertEquals(200, page.status());
    assertEquals("checkout@prod", page.body().path("releases").get(0).path("releaseId").asText());
    assertEquals("PROMOTED", page.body().path("releases").get(0).path("outcome").asText());
    assertEquals(1, page.body().path("deployed").asInt());
    Reply dora = call("GET", "/metrics/dora?service=checkout&env=prod&since=1d", "tok-ci", null);
    assertEquals(200, dora.status());
    assertEquals(1, dora.body().path("promoted").asInt());
    assertEquals(1, dora.body().path("leadTimeSamples").asInt());
    assertTrue(
        Duration.parse(dora.body().path("medianLeadTime").asText()).compareTo(Duration.ofHours(2))
            > 0,
        dora.raw().body());
  }

  @Test
  void pauseResumeAbortAndPromoteAnswer() throws Exception {
    assertEquals(201, call("POST", "/releases", "tok-ci", requestJson("cart", "soak")).status());
    awaitPhase("cart@prod", Phase.SOAKING, Duration.ofSeconds(60));
    assertEquals(
        "paused by ci-bot: hold on",
        call("POST", "/releases/cart@prod/pause", "tok-ci", "{\"reason\":\"hold on\"}")
            .body()
            .path("message")
            .asText());
    assertEquals(200, call("POST", "/releases/cart@prod/resume", "tok-ci", null).status());
    assertProblem(
        call("POST", "/releases/cart@prod/promote", "tok-ci", "{\"full\":true}"),
        409,
        "a full promotion skips every remaining check and needs a reason");
    assertEquals(200, call("POST", "/releases/cart@prod/promote", "tok-ci", "{}").status());
    assertProblem(
        call("POST", "/releases/cart@prod/abort", "tok-ci", "{}"),
        409,
        "an abort names who asks and why");
    assertEquals(
        200,
        call("POST", "/releases/cart@prod/abort", "tok-ci", "{\"reason\":\"wrong image\"}")
            .status());
    assertEquals(ReleaseOutcome.ROLLED_BACK, result("cart@prod", Duration.ofSeconds(60)).outcome());
  }

  @Test
  void everyErrorIsAProblemNamingWhatIsWrong() throws Exception {
    assertProblem(call("GET", "/releases/checkout@prod", null, null), 401, "Authorization: Bearer");
    assertProblem(call("GET", "/releases", "not-a-token", null), 401, "Authorization: Bearer");
    assertProblem(
        call("POST", "/releases/nosuch@prod/pause", "tok-ci", null), 404, "no release nosuch@prod");
    assertProblem(
        call("GET", "/releases/nosuch@prod", "tok-ci", null), 404, "no release nosuch@prod");

    Reply invalid =
        call(
            "POST",
            "/releases",
            "tok-ci",
            "{\"service\":\"Checkout!\",\"version\":\"1\",\"environment\":\"prod\",\"strategy\":\"direct\"}");
    assertProblem(invalid, 400, "");
    String fields = invalid.body().path("errors").findValuesAsText("field").toString();
    assertEquals("[service, image, reason]", fields, invalid.raw().body());
    assertProblem(
        call("POST", "/releases", "tok-ci", "{\"service\":\"x\",\"colour\":\"red\"}"),
        400,
        "request.colour");
    assertProblem(call("POST", "/releases", "tok-ci", "{\"service\":"), 400, "is not well-formed");
    assertProblem(
        call("POST", "/releases", "tok-ci", "{\"service\":\"x\",\"requestedBy\":\"mallory\"}"),
        400,
        "request.requestedBy");
    assertProblem(call("GET", "/releases?since=forever", "tok-ci", null), 400, "since:");
    assertProblem(
        call("GET", "/releases?service=x%27%20OR%201%3D1", "tok-ci", null),
        400,
        "is not a service or environment name");
    assertProblem(
        call("GET", "/releases?limit=0", "tok-ci", null),
        400,
        "limit: must be between 1 and 10000");

    try (AppProcess cut =
        AppProcess.service(
            "127.0.0.1:" + TemporalDevServer.freePort(),
            dir.resolve("rest-service-cut.log"),
            "--rollwright.api.tokens.ci-bot=tok-ci")) {
      await(
          "the cut-off service listening",
          Duration.ofSeconds(90),
          () -> {
            try {
              return RestCalls.call(cut, "GET", "/v3/api-docs", null, null).status() == 200;
            } catch (Exception e) {
              return false;
            }
          });
      assertProblem(
          RestCalls.call(cut, "GET", "/releases/checkout@prod", "tok-ci", null),
          503,
          "Temporal cannot be reached");
    }
  }

  /** A hostile start is refused before any release begins: a 400 naming the field, or a 413. */
  private static void assertNoStart(Reply reply, int status, String detailContains)
      throws Exception {
    assertProblem(reply, status, detailContains);
    assertEquals(404, call("GET", "/releases/lookalike@prod", "tok-ci", null).status());
  }

  @Test
  void hostileStartsAreRefusedNamingTheFieldAndStartNothing() throws Exception {
    String body = requestJson("lookalike", "brief");
    assertNoStart(
        call("POST", "/releases", "tok-ci", body.replace("\"lookalike\",", "\"l\u043eokalike\",")),
        400,
        "is not a DNS-1123 label");
    assertNoStart(
        call(
            "POST",
            "/releases",
            "tok-ci",
            body.replaceFirst(
                "\"changeCommittedAt\":\"[^\"]+\"",
                "\"changeCommittedAt\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\"")),
        400,
        "in the future");
    assertNoStart(
        call("POST", "/releases", "tok-ci", body.replace("\"2.3.0\",", "2.3,")),
        400,
        "request.version");
    String twoCanaries =
        requestJson("twins", "brief")
            .replace(
                "\"policy\":\"brief\",",
                "\"inlinePolicy\":{\"extends\":\"brief\",\"stages\":["
                    + "{\"name\":\"canary\",\"weight\":10,\"soak\":\"2s\"},"
                    + "{\"name\":\"canary\",\"weight\":50,\"soak\":\"2s\"}]},");
    assertNoStart(
        call(
            "POST",
            "/releases",
            "tok-ci",
            body.replace(
                "\"policy\":\"brief\",",
                "\"inlinePolicy\":{\"extends\":\"brief\",\"checks\":["
                    + "{\"metric\":\"error-rate\",\"max\":NaN}]},")),
        400,
        "request.inlinePolicy.checks[0].max: must be a finite number");
    assertNoStart(
        call(
            "POST",
            "/releases",
            "tok-ci",
            body.replace("\"c0ffee\"", "\"" + "x".repeat(70 * 1024) + "\"")),
        413,
        "at most 65536");

    assertEquals(201, call("POST", "/releases", "tok-ci", twoCanaries).status());
    WorkflowFailedException failed =
        assertThrows(
            WorkflowFailedException.class, () -> result("twins@prod", Duration.ofSeconds(30)));
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertEquals(InvalidReleaseException.FAILURE_TYPE, cause.getType());
    assertTrue(
        cause.getOriginalMessage().startsWith("policy.stages[1].name"),
        "the release refuses the policy its front door could not resolve: "
            + cause.getOriginalMessage());
    assertEquals(List.of(), AppProcess.actions(journal(), "twins"));
  }

  @Test
  void aTrainStartsAndTakesControlsAsTheCallerAndRefusesWhatItWouldNotDo() throws Exception {
    String train =
        """
        {"name":"rest","environment":"prod","reason":"two services","releases":[
          {"service":"tram","version":"2.0.0","image":"registry.example/tram:2.0.0","policy":"soak"},
          {"service":"tram-web","version":"2.0.0","image":"registry.example/tram-web:2.0.0",
           "policy":"brief","after":["tram"]}%s]}""";
    assertProblem(call("POST", "/trains", null, train.formatted("")), 401, "Authorization: Bearer");
    assertProblem(
        call(
            "POST",
            "/trains",
            "tok-ci",
            train.formatted("").replace("{\"name\"", "{\"requestedBy\":\"alice\",\"name\"")),
        400,
        "train.requestedBy: is the caller, ci-bot; leave it out (it was 'alice')");
    assertProblem(
        call(
            "POST",
            "/trains",
            "tok-ci",
            train.formatted(
                ",{\"service\":\"tram\",\"version\":\"2.0.0\",\"image\":\"registry.example/tram:2.0.0\"}")),
        400,
        "tram");
    String id = "train:rest@prod";
    assertProblem(call("GET", "/trains/" + id, "tok-ci", null), 404, "no train train:rest@prod");

    Reply started = call("POST", "/trains", "tok-ci", train.formatted(""));
    assertEquals(201, started.status(), started.raw().body());
    assertEquals(id, started.body().path("trainId").asText());
    assertProblem(call("POST", "/trains", "tok-ci", train.formatted("")), 409, "already running");
    awaitPhase("tram@prod", Phase.SOAKING, Duration.ofSeconds(60));
    Reply status = call("GET", "/trains/" + id, "tok-alice", null);
    assertEquals("ci-bot", status.body().path("requestedBy").asText());
    assertEquals("running", status.body().path("releases").get(0).path("state").asText());

    assertProblem(
        call("POST", "/trains/" + id + "/promote", "tok-ci", null),
        404,
        "a train has no control named 'promote' (one of pause, resume, abort, approve, reject)");
    assertProblem(
        call("POST", "/trains/" + id + "/approve", "tok-alice", "{\"gate\":\"tram-web\"}"),
        409,
        "train:rest@prod has no gate open");
    assertProblem(
        call("POST", "/trains/" + id + "/pause", "tok-alice", "{\"gate\":\"tram-web\"}"),
        400,
        "control.gate: names the gate an approval or a rejection decides");
    assertProblem(
        call("POST", "/trains/" + id + "/abort", "tok-ci", "{}"),
        409,
        "an abort names who asks and why");
    Reply aborted = call("POST", "/trains/" + id + "/abort", "tok-ci", "{\"reason\":\"bad\"}");
    assertEquals(200, aborted.status(), aborted.raw().body());
    assertTrue(aborted.body().path("accepted").asBoolean());
    await("the train to end", Duration.ofSeconds(60), () -> trainEnded(id));
    JsonNode result = call("GET", "/trains/" + id, "tok-ci", null).body().path("result");
    assertEquals("ROLLED_BACK", result.path("outcome").asText());
    assertEquals("aborted by ci-bot: bad", result.path("detail").asText());
  }

  private static boolean trainEnded(String id) {
    try {
      return !call("GET", "/trains/" + id, "tok-ci", null).body().path("result").isNull();
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void theOpenApiDocumentDescribesEveryEndpoint() throws Exception {
    Reply doc = call("GET", "/v3/api-docs", null, null);
    assertEquals(200, doc.status());
    JsonNode paths = doc.body().path("paths");
    for (String path :
        List.of(
            "/releases",
            "/releases/{id}",
            "/releases/{id}/{control}",
            "/trains",
            "/trains/{id}",
            "/trains/{id}/{control}",
            "/metrics/dora")) {
      assertTrue(paths.has(path), path + " in " + paths.fieldNames());
    }
    JsonNode control = null;
    for (JsonNode parameter :
        paths.path("/releases/{id}/{control}").path("post").path("parameters")) {
      control = "control".equals(parameter.path("name").asText()) ? parameter : control;
    }
    assertTrue(control != null, paths.toString());
    assertEquals(
        "[\"approve\",\"reject\",\"pause\",\"resume\",\"abort\",\"promote\"]",
        control.path("schema").path("enum").toString(),
        "the controls are named where the route is described");
    assertTrue(
        paths
            .path("/trains/{id}/{control}")
            .toString()
            .contains("[\"pause\",\"resume\",\"abort\",\"approve\",\"reject\"]"),
        "a train's controls are named where its route is described");
    assertTrue(
        doc.body().path("components").path("securitySchemes").has("bearer"),
        "bearer authentication is described");
  }
}
