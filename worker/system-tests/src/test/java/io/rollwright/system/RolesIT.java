package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseIds;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.policy.InvalidReleaseException;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Roles at every door, on the real server: {@code vault}'s own policy lets alice start it, on-call
 * (oncall-sam, oncall-kim) operate it, and takes two of them to break glass. Starts and controls by
 * whoever lacks the role are refused through the Temporal CLI, the REST API and the rollwright CLI
 * alike, naming the role; nothing they send moves traffic, and the release can still be operated.
 */
class RolesIT extends RealServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ID = "vault@prod";
  private static AppProcess worker;
  private static AppProcess service;

  @BeforeAll
  static void startApps() throws Exception {
    worker = worker("roles-worker");
    service =
        AppProcess.service(
                server,
                dir.resolve("roles-service.log"),
                "--rollwright.api.tokens.alice=tok-alice",
                "--rollwright.api.tokens.bob=tok-bob",
                "--rollwright.api.tokens.mallory=tok-mallory",
                "--rollwright.api.tokens.oncall-sam=tok-sam",
                "--rollwright.api.tokens.oncall-kim=tok-kim")
            .awaitUp(Duration.ofSeconds(90));
  }

  @AfterAll
  static void stopApps() throws InterruptedException {
    closeAll(service, worker);
  }

  private record Reply(int status, JsonNode body) {}

  private static Reply call(String path, String token, String body) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(
        r.statusCode(), r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body()));
  }

  private static String refusedStart() throws Exception {
    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> result(ID, Duration.ofSeconds(60)));
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertEquals(InvalidReleaseException.FAILURE_TYPE, cause.getType());
    assertTrue(cause.isNonRetryable());
    assertEquals(
        List.of(), AppProcess.actions(journal(), "vault"), "a refused start moves no traffic");
    return cause.getOriginalMessage();
  }

  private static final String MALLORY =
      "mallory may not start a release of vault@prod: that needs the requesters role (held by alice)";

  @Test
  void aStartByWhoeverIsNoRequesterIsRefusedAtEveryDoor() throws Exception {
    server.cli(
        dir.resolve("roles-temporal-cli.out"),
        "workflow",
        "start",
        "--type",
        "ReleaseWorkflow",
        "--task-queue",
        ReleaseIds.TASK_QUEUE,
        "--workflow-id",
        ID,
        "--input",
        "{\"service\":\"vault\",\"version\":\"2.3.0\",\"image\":\"registry.example/vault:2.3.0\",\"environment\":\"prod\",\"requestedBy\":\"mallory\"}");
    assertEquals(MALLORY, refusedStart());

    assertEquals(
        201,
        call(
                "/releases",
                "tok-mallory",
                "{\"service\":\"vault\",\"version\":\"2.3.0\",\"image\":\"registry.example/vault:2.3.0\",\"environment\":\"prod\"}")
            .status());
    assertEquals(MALLORY, refusedStart());

    Cli cli =
        Cli.run(
            server,
            "start",
            "vault",
            "2.3.0",
            "--image",
            "registry.example/vault:2.3.0",
            "--env",
            "prod",
            "--requested-by",
            "alice",
            "--direct",
            "--reason",
            "hotfix",
            "--wait");
    assertEquals(1, cli.code(), cli.toString());
    assertTrue(
        cli.err()
            .contains(
                "alice may not start a direct release (skipping stages and analysis) of vault@prod: that needs the breakGlass role"
                    + " (held by oncall-sam, oncall-kim)"),
        cli.toString());
    assertEquals(List.of(), AppProcess.actions(journal(), "vault"));
  }

  @Test
  void controlsNeedTheirRoleAtEveryDoorAndAFullPromotionTakesTwo() throws Exception {
    Cli started =
        Cli.run(
            server,
            "start",
            "vault",
            "2.3.0",
            "--image",
            "registry.example/vault:2.3.0",
            "--env",
            "prod",
            "--requested-by",
            "alice");
    assertEquals(0, started.code(), started.toString());
    awaitPhase(ID, Phase.AWAITING_APPROVAL, Duration.ofSeconds(60));

    Reply bob = call("/releases/" + ID + "/abort", "tok-bob", "{\"reason\":\"I do not like it\"}");
    assertEquals(403, bob.status(), bob.body().toString());
    assertEquals(
        "bob may not abort vault@prod: that needs the operators role (held by oncall-sam, oncall-kim)",
        bob.body().path("detail").asText());
    assertEquals(
        200, call("/releases/" + ID + "/pause", "tok-sam", "{\"reason\":\"looking\"}").status());
    Cli mallory = Cli.run(server, "resume", ID, "--as", "mallory");
    assertEquals(1, mallory.code(), mallory.toString());
    assertTrue(
        mallory
            .out()
            .contains("refused: mallory may not resume vault@prod: that needs the operators role"),
        mallory.toString());
    assertEquals(0, Cli.run(server, "resume", ID, "--as", "oncall-kim").code());

    Cli asked =
        Cli.run(server, "promote", ID, "--full", "--reason", "incident fix", "--as", "oncall-sam");
    assertEquals(0, asked.code(), asked.toString());
    assertTrue(asked.out().contains("asked to promote in full by oncall-sam"), asked.toString());
    Reply alice =
        call("/releases/" + ID + "/promote", "tok-alice", "{\"full\":true,\"reason\":\"me too\"}");
    assertEquals(403, alice.status(), alice.body().toString());
    assertTrue(
        alice
            .body()
            .path("detail")
            .asText()
            .startsWith(
                "alice may not promote vault@prod in full: that needs the breakGlass role"));
    assertEquals(
        List.of("set-weight 10%"),
        AppProcess.plannedSequence(journal(), "vault").stream()
            .filter(a -> a.startsWith("set-weight"))
            .toList(),
        "one person's full promotion is only a request");

    for (int i = 0; i < 200; i++) {
      release(ID).abort(new ControlRequest("mallory", "flood " + i));
    }
    Reply kim =
        call("/releases/" + ID + "/promote", "tok-kim", "{\"full\":true,\"reason\":\"agreed\"}");
    assertEquals(200, kim.status(), kim.body().toString());

    ReleaseResult result = result(ID, Duration.ofSeconds(60));
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome());
    assertEquals(
        "promoted in full by oncall-sam (confirmed by oncall-kim): incident fix", result.detail());
    List<AuditEntry> audit = release(ID).status().audit();
    assertTrue(
        audit.stream().anyMatch(e -> e.actor().equals("oncall-sam") && e.action().equals("paused")),
        audit.toString());
    assertTrue(
        audit.stream()
            .anyMatch(
                e ->
                    e.actor().equals("oncall-kim")
                        && e.action().equals("promoted in full (skipping remaining stages)")),
        audit.toString());
    assertTrue(
        audit.stream()
            .anyMatch(
                e ->
                    e.actor().equals("mallory")
                        && e.detail().endsWith("(×200)")
                        && e.detail().contains("mallory may not abort vault@prod")),
        "the raw-signal flood is folded, not lost: " + audit);
    long updates =
        server.client().fetchHistory(ID).getEvents().stream()
            .filter(
                e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
            .count();
    assertEquals(
        4,
        updates,
        "only the accepted controls (pause, resume, two full promotions) are in the history");
  }

  private static List<String> actors(String id, String action) throws Exception {
    return release(id).status().audit().stream()
        .filter(e -> e.action().equals(action))
        .map(AuditEntry::actor)
        .toList();
  }

  @Test
  void aBreakGlassStartWaitsForASecondHolderBeforeAnythingIsDeployed() throws Exception {
    String id = "strongbox@prod";
    Cli started =
        Cli.run(
            server,
            "start",
            "strongbox",
            "2.3.1",
            "--image",
            "registry.example/strongbox:2.3.1",
            "--env",
            "prod",
            "--requested-by",
            "alice",
            "--direct",
            "--reason",
            "CVE fix");
    assertEquals(0, started.code(), started.toString());
    awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofSeconds(60));
    assertEquals("break-glass", release(id).status().gate().stage());
    assertEquals(List.of("alice"), actors(id, "asked to break glass"));

    Reply self = call("/releases/" + id + "/approve", "tok-alice", "{\"reason\":\"me\"}");
    assertEquals(409, self.status(), self.body().toString());
    assertEquals(
        "alice requested this release and cannot approve it", self.body().path("detail").asText());
    Reply bob = call("/releases/" + id + "/approve", "tok-bob", "{\"reason\":\"looks fine\"}");
    assertEquals(409, bob.status(), bob.body().toString());
    assertEquals(
        "bob is not an allowed approver at any gate of this release (allowed: alice, oncall-sam, oncall-kim)",
        bob.body().path("detail").asText());
    assertEquals(
        List.of(), AppProcess.actions(journal(), "strongbox"), "nothing deployed unconfirmed");

    Cli kim = Cli.run(server, "approve", id, "--as", "oncall-kim", "--reason", "seen the CVE");
    assertEquals(0, kim.code(), kim.toString());
    ReleaseResult result = result(id, Duration.ofSeconds(60));
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(
        List.of("promote-stable 2.3.1", "route-all-to-stable", "scale-canary-to-zero"),
        AppProcess.plannedSequence(journal(), "strongbox"),
        "a direct release: no canary, no weights");
    assertEquals(List.of("oncall-kim"), actors(id, "approved"));
  }

  @Test
  void anOverrideRejectedThroughTheTemporalCliIsBlockedWithNothingDeployed() throws Exception {
    String id = "strongbox@staging";
    Reply started =
        call(
            "/releases",
            "tok-alice",
            "{\"service\":\"strongbox\",\"version\":\"2.3.2\",\"image\":\"registry.example/strongbox:2.3.2\","
                + "\"environment\":\"staging\",\"policy\":\"brief\"}");
    assertEquals(201, started.status(), started.body().toString());
    awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofSeconds(60));
    assertEquals("break-glass", release(id).status().gate().stage());

    server.cli(
        dir.resolve("roles-reject.out"),
        "workflow",
        "signal",
        "--workflow-id",
        id,
        "--name",
        "reject",
        "--input",
        "{\"approver\":\"oncall-sam\",\"reason\":\"use the service's own policy\"}");

    ReleaseResult result = result(id, Duration.ofSeconds(60));
    assertEquals(ReleaseOutcome.BLOCKED, result.outcome(), result.detail());
    assertTrue(
        result.detail().endsWith("rejected by oncall-sam: use the service's own policy"),
        result.detail());
    assertEquals(
        List.of(),
        AppProcess.actions(journal(), "strongbox").stream()
            .filter(a -> a.action().contains("2.3.2"))
            .toList());
  }

  @Test
  void soloBreakGlassRunsAtOnceAndIsRecorded() throws Exception {
    String id = "hatch@prod";
    Reply started =
        call(
            "/releases",
            "tok-alice",
            "{\"service\":\"hatch\",\"version\":\"2.3.0\",\"image\":\"registry.example/hatch:2.3.0\","
                + "\"environment\":\"prod\",\"policy\":\"brief\"}");
    assertEquals(201, started.status(), started.body().toString());
    ReleaseResult result = result(id, Duration.ofSeconds(90));
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(List.of("alice"), actors(id, "asked to break glass"));
    assertTrue(
        release(id).status().audit().stream()
            .anyMatch(e -> e.detail().endsWith("(solo break-glass allowed)")),
        release(id).status().audit().toString());
    assertEquals(List.of(), actors(id, "approved"), "nobody else was asked");
  }
}
