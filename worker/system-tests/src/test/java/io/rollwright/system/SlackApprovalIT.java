package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.RollbackReason;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.client.Trains;
import io.rollwright.policy.Gate;
import io.rollwright.policy.GateType;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.TimeoutAction;
import io.rollwright.worker.FakeSlackApi;
import io.rollwright.worker.FakeSlackSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Approvals given in Slack, end to end: the worker posts the approval request through the real
 * Slack client to a fake Slack Web API, and signed interactivity requests, built as Slack builds
 * them, go to the real endpoint of the starter service, which decides against the real Temporal
 * server. A train's gate is asked in the train's one thread, which its releases join, and a click
 * decides it.
 */
class SlackApprovalIT extends RealServerTest {
  private static FakeSlackApi slack;
  private static AppProcess worker;
  private static SlackClicks clicks;

  @BeforeAll
  static void startApps() throws Exception {
    slack =
        new FakeSlackApi()
            .user("U_ALICE", "alice@example.com")
            .user("U_BOB", "Bob@Example.com")
            .user("U_CAROL", "carol@example.com");
    String[] slackSettings = {
      "--rollwright.slack.token=xoxb-test", "--rollwright.slack.api-url=" + slack.url()
    };
    worker =
        worker(
            "slack-worker",
            slackSettings[0],
            slackSettings[1],
            "--rollwright.slack.channel=C0RELEASES");
    AppProcess service =
        AppProcess.service(
            server,
            dir.resolve("slack-service.log"),
            slackSettings[0],
            slackSettings[1],
            "--rollwright.slack.signing-secret=" + SlackClicks.SECRET);
    clicks = new SlackClicks(service.awaitUp(Duration.ofSeconds(90)), slack);
  }

  @AfterAll
  static void stopApps() throws InterruptedException {
    if (clicks != null) {
      clicks.service().close();
    }
    if (worker != null) {
      worker.close();
    }
    if (slack != null) {
      slack.close();
    }
  }

  private static String startGated(String service, String policy) {
    return start(
        new ReleaseRequest(
            service,
            "2.3.0",
            "registry.example/" + service + ":2.3.0",
            "prod",
            Strategy.CANARY,
            policy,
            null,
            "alice@example.com",
            null,
            "abc123"));
  }

  private static List<String> actors(ReleaseStatus status, String action) {
    return status.audit().stream()
        .filter(e -> e.action().equals(action))
        .map(AuditEntry::actor)
        .toList();
  }

  @Test
  void twoAllowedApproversInSlackPromoteAndEveryoneElseIsToldWhyNot() throws Exception {
    String id = startGated("checkout", "slack-gate");
    String gate = clicks.approveButtonOf(id, Duration.ofSeconds(60));

    assertEquals(200, clicks.click("U_BOB", "approve", gate, "bob").statusCode());
    assertEquals("✅ approved by bob@example.com (1 of 2)", clicks.answerTo("bob"));
    clicks.click("U_ALICE", "approve", gate, "alice");
    assertEquals(
        "🚫 Not counted: alice@example.com requested this release and cannot approve it",
        clicks.answerTo("alice"));
    clicks.click("U_STRANGER", "approve", gate, "stranger");
    String stranger = clicks.answerTo("stranger");
    assertTrue(
        stranger.startsWith("🚫 Not counted: Slack shows no email for you")
            && stranger.contains("slack:U_STRANGER is not an allowed approver"),
        stranger);
    clicks.click("U_CAROL", "approve", gate, "carol");
    assertEquals("✅ approved by carol@example.com (2 of 2)", clicks.answerTo("carol"));

    ReleaseResult result = result(id, Duration.ofSeconds(60));
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    ReleaseStatus status = release(id).status();
    assertEquals(List.of("bob@example.com", "carol@example.com"), actors(status, "approved"));
    assertEquals(
        List.of(),
        actors(status, "refused approve"),
        "alice's and the stranger's approvals were refused before they were accepted");
    assertTrue(
        clicks.requestShown(id).contains("approved so far by bob@example.com (1 of 2)"),
        "the request showed who had approved");
    clicks.awaitClosed(id);
  }

  @Test
  void aRejectionWithItsReasonRollsBack() throws Exception {
    String id = startGated("cart", "slack-gate");
    String gate = clicks.approveButtonOf(id, Duration.ofSeconds(60));

    assertEquals(200, clicks.click("U_BOB", "reject", gate, "bob-reject").statusCode());
    String form = clicks.rejectionForm("bob-reject");
    HttpResponse<String> noReason = clicks.submitRejection("U_CAROL", form, " ");
    assertEquals(200, noReason.statusCode());
    assertTrue(
        noReason.body().contains("\"response_action\":\"errors\"")
            && noReason.body().contains("a rejection needs a reason"),
        noReason.body());
    HttpResponse<String> rejected =
        clicks.submitRejection("U_BOB", form, "p99 latency doubled in eu-west");
    assertEquals(200, rejected.statusCode());
    assertFalse(rejected.body().contains("errors"), rejected.body());

    ReleaseResult result = result(id, Duration.ofSeconds(60));
    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome());
    assertEquals(RollbackReason.REJECTED, result.rollbackReason());
    assertEquals("rejected by bob@example.com: p99 latency doubled in eu-west", result.detail());
    assertEquals(
        "✅ rejected by bob@example.com: p99 latency doubled in eu-west",
        clicks.ephemeralTo("U_BOB"));
    assertEquals(List.of("carol@example.com"), actors(release(id).status(), "refused reject"));
    clicks.awaitClosed(id);
  }

  @Test
  void aTrainsGateIsAskedInTheTrainsThreadAndAClickDecidesIt() throws Exception {
    Gate carol =
        new Gate(
            GateType.APPROVAL,
            1,
            List.of("carol@example.com"),
            List.of(),
            null,
            Duration.ofMinutes(10),
            TimeoutAction.REJECT);
    TrainRequest train =
        new TrainRequest(
            "slack",
            "prod",
            "alice@example.com",
            null,
            null,
            List.of(
                new TrainRequest.Release(
                    "inventory",
                    "2.0.0",
                    "registry.example/inventory:2.0.0",
                    "brief",
                    null,
                    List.of()),
                new TrainRequest.Release(
                    "storefront",
                    "2.0.0",
                    "registry.example/storefront:2.0.0",
                    "brief",
                    null,
                    List.of("inventory"),
                    null,
                    null,
                    carol)));
    new Trains(server.client()).start(train);
    String gate = clicks.approveButtonOf(train.trainId(), Duration.ofSeconds(60));

    clicks.click("U_ALICE", "approve", gate, "train-alice");
    assertEquals(
        "🚫 Not counted: alice@example.com requested this release and cannot approve it",
        clicks.answerTo("train-alice"));
    clicks.click("U_CAROL", "approve", gate, "train-carol");
    String carols = clicks.answerTo("train-carol");
    assertTrue(
        carols.startsWith("✅ the gate of storefront: approved by carol@example.com"), carols);

    TrainResult result = trainResult(train.trainId(), Duration.ofSeconds(90));
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    clicks.awaitClosed(train.trainId());
    List<FakeSlackApi.Call> parents =
        slack.calls().stream()
            .filter(c -> c.method().equals("chat.postMessage") && !c.reply())
            .filter(
                c ->
                    List.of("train:slack@prod", "inventory@prod", "storefront@prod").stream()
                        .anyMatch(id -> c.params().get("text").startsWith(id + " — ")))
            .toList();
    assertEquals(1, parents.size(), "the releases joined the train's thread: " + parents);
    assertTrue(parents.get(0).params().get("text").startsWith("train:slack@prod — "));
    assertEquals(
        parents.get(0).ts(),
        clicks.requestThread(train.trainId()),
        "the gate was asked in the train's thread");
  }

  @Test
  void forgedStaleReplayedAndHeaderlessRequestsChangeNothing() throws Exception {
    String id = startGated("ledger", "slack-gate");
    String gate = clicks.approveButtonOf(id, Duration.ofSeconds(60));
    String forged = clicks.clickBody("U_CAROL", "approve", gate, "forged");
    long now = System.currentTimeMillis() / 1000;

    HttpResponse<String> badSignature =
        clicks.post(forged, String.valueOf(now), SlackClicks.sign("not-the-secret", now, forged));
    assertEquals(401, badSignature.statusCode());
    assertTrue(badSignature.body().contains("signature does not match"), badSignature.body());
    HttpResponse<String> stale =
        clicks.post(
            forged,
            String.valueOf(now - 360),
            SlackClicks.sign(SlackClicks.SECRET, now - 360, forged));
    assertEquals(401, stale.statusCode());
    assertTrue(stale.body().contains("stale request"), stale.body());
    assertEquals(
        401,
        clicks
            .post(
                forged,
                String.valueOf(now + 360),
                SlackClicks.sign(SlackClicks.SECRET, now + 360, forged))
            .statusCode());
    String huge = forged + "&padding=" + "x".repeat(1 << 20);
    HttpResponse<String> oversized =
        clicks.post(huge, String.valueOf(now), SlackClicks.sign(SlackClicks.SECRET, now, huge));
    assertEquals(413, oversized.statusCode());
    assertTrue(oversized.body().contains("body larger than 1048576 bytes"), oversized.body());
    HttpResponse<String> headerless = clicks.post(forged, null, null);
    assertEquals(401, headerless.statusCode());
    assertTrue(
        headerless.body().contains("missing X-Slack-Request-Timestamp or X-Slack-Signature"),
        headerless.body());

    String once = clicks.clickBody("U_BOB", "approve", gate, "bob-once");
    String signature = SlackClicks.sign(SlackClicks.SECRET, now, once);
    assertEquals(200, clicks.post(once, String.valueOf(now), signature).statusCode());
    assertEquals("✅ approved by bob@example.com (1 of 2)", clicks.answerTo("bob-once"));
    HttpResponse<String> replayed = clicks.post(once, String.valueOf(now), signature);
    assertEquals(409, replayed.statusCode());
    assertTrue(replayed.body().contains("replayed request"), replayed.body());

    Thread.sleep(1000);
    ReleaseStatus status = release(id).status();
    assertEquals(List.of("bob@example.com"), status.gate().approvedBy());
    assertEquals(List.of("bob@example.com"), actors(status, "approved"));
    assertTrue(
        status.audit().stream().noneMatch(e -> e.action().startsWith("refused")),
        "nothing forged or replayed reached the release: " + status.audit());
    release(id).abort(new ControlRequest("test", "done"));
  }

  @Test
  void overSocketModeAClickReachesTheReleaseToo() throws Exception {
    String id = startGated("orders", "slack-gate");
    String gate = clicks.approveButtonOf(id, Duration.ofSeconds(60));
    try (FakeSlackSocket socket = new FakeSlackSocket();
        AppProcess socketService =
            AppProcess.service(
                server,
                dir.resolve("slack-socket-service.log"),
                "--rollwright.slack.token=xoxb-test",
                "--rollwright.slack.api-url=" + slack.socket(socket.url()).url(),
                "--rollwright.slack.app-token=xapp-test")) {
      assertTrue(socket.awaitConnected(90), "the service opened its Socket Mode connection");
      socket.sendInteractive(
          "envelope-1", clicks.clickPayload("U_BOB", "approve", gate, "socket-bob"));
      assertEquals("✅ approved by bob@example.com (1 of 2)", clicks.answerTo("socket-bob"));
      assertTrue(
          socket.received().contains("{\"envelope_id\":\"envelope-1\"}"),
          "acknowledged: " + socket.received());
    }
    assertEquals(List.of("bob@example.com"), release(id).status().gate().approvedBy());
    release(id).abort(new ControlRequest("test", "done"));
  }

  @Test
  void aClickAfterTheGateTimedOutIsRefused() throws Exception {
    String id = startGated("search", "slack-brief-gate");
    String gate = clicks.approveButtonOf(id, Duration.ofSeconds(60));
    ReleaseResult result = result(id, Duration.ofSeconds(60));
    assertEquals(RollbackReason.APPROVAL_TIMEOUT, result.rollbackReason(), result.detail());

    clicks.click("U_BOB", "approve", gate, "late");
    assertEquals(
        "🚫 Not counted: the release search@prod has ended (ROLLED_BACK)", clicks.answerTo("late"));
    clicks.awaitClosed(id);
    assertTrue(
        release(id).status().audit().stream().noneMatch(e -> e.actor().equals("bob@example.com")));
  }
}
