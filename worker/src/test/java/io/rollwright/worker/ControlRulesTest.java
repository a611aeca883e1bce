package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.traffic.sandbox.SandboxCluster;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ApprovalEvent;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.RollbackReason;
import io.rollwright.client.ReleaseControls;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules of "What a control means", on the time-skipping test service: a held canary is still
 * watched, a rollback refuses every control and says why, an approval counts by when the server
 * recorded it against the gate's deadline, a rollback retries for as long as its policy says.
 */
class ControlRulesTest extends TimeSkippingReleaseTest {
  private ReleaseWorkflow release;

  /** Sends a control as the CLI, REST API and Slack do, and returns the release's answer. */
  private ControlAnswer send(Action action, String actor, String reason) {
    return new ReleaseControls(h.client, Duration.ofSeconds(30))
        .send(release.status().releaseId(), new ControlCommand(action, actor, reason));
  }

  private List<AuditEntry> audit(String action) {
    return release.status().audit().stream().filter(e -> e.action().equals(action)).toList();
  }

  @Test
  void aBreachWhilePausedRollsBackAtOnceAndSaysItWasPaused() {
    // gated: canary-10 soaks 10 minutes; error-rate > 5% for 5 minutes rolls back. Errors begin at
    // minute 14.
    h.sandbox.metrics().script("checkout", Track.CANARY, "error-rate", "0.002, 14m: 0.3");
    release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(Duration.ofMinutes(2));
    assertTrue(send(Action.PAUSE, "oncall-sam", "checking a dashboard").accepted());

    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.ANALYSIS, result.rollbackReason());
    assertTrue(
        result.detail().contains("(while paused: paused by oncall-sam: checking a dashboard)"),
        result.detail());
    assertEquals(
        List.of(10.0, 0.0), h.weights("checkout"), "held at 10% while paused, then back to stable");
    List<SandboxCluster.Action> log = h.cluster().log("checkout");
    long sustainedAt = log.get(0).atMillis() + Duration.ofMinutes(14 + 5).toMillis();
    long restoredAt =
        log.stream()
            .filter(a -> a.action().equals("route-all-to-stable"))
            .findFirst()
            .orElseThrow()
            .atMillis();
    assertTrue(
        restoredAt - sustainedAt <= Duration.ofSeconds(60).toMillis(),
        "restored " + (restoredAt - sustainedAt) + " ms after the breach was sustained");
  }

  @Test
  void aBreachAtTheGateRollsBackWithoutWaitingForApprovers() {
    // gated: the gate of canary-50 opens at minute 40; errors of 7% (over the 5% limit, success
    // still above 90%) begin at minute 45.
    h.sandbox.metrics().script("checkout", Track.CANARY, "error-rate", "0.002, 45m: 0.07");
    release = h.start(ReleaseHarness.request("checkout", "gated"));

    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertTrue(
        result.detail().contains("(while awaiting approval of stage canary-50)"), result.detail());
    assertTrue(
        result.durationMillis() < Duration.ofMinutes(52).toMillis(),
        "did not wait for the gate's 2h timeout");
    assertEquals(List.of(10.0, 50.0, 0.0), h.weights("checkout"));
    assertTrue(
        h.events.stream()
            .anyMatch(
                e ->
                    e.event() instanceof ApprovalEvent.Closed closed
                        && closed.how().startsWith("closed: ")),
        "the approval request is closed, so no button stays live");
  }

  @Test
  void everyControlDuringARollbackIsRefusedSayingSo() {
    h.sandbox.metrics().script("cart", Track.CANARY, "error-rate", "0.3");
    h.cluster().failNext("cart", "route-all-to-stable", 12);
    release = h.start(ReleaseHarness.request("cart", "fast"));
    h.waitFor(Duration.ofMinutes(2));
    assertEquals(Phase.ROLLING_BACK, release.status().phase());

    for (Action action : Action.values()) {
      ControlAnswer answer = send(action, "oncall-sam", "trying " + action);
      assertFalse(answer.accepted(), action + " was accepted during a rollback");
      assertTrue(
          answer.message().contains("rolling back (analysis: error-rate 30.00% > 5.00%"),
          action + ": " + answer.message());
    }
    assertEquals(Phase.ROLLING_BACK, release.status().phase(), "a pause does not hold a rollback");
    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(List.of(20.0, 0.0), h.weights("cart"));
  }

  @Test
  void anAbortSentWithTheFinalApprovalWins() {
    startAndReachGate();
    assertTrue(send(Action.APPROVE, "bob", "ok").accepted());

    // Both reach the server before a worker looks again, so one workflow task delivers them.
    h.env.getWorkerFactory().suspendPolling();
    release.approve(new ApprovalDecision("carol", "ship it"));
    release.abort(new ControlRequest("oncall-sam", "pager storm"));
    h.env.getWorkerFactory().resumePolling();
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals("aborted by oncall-sam: pager storm", result.detail());
    assertEquals(List.of(10.0, 50.0, 0.0), h.weights("checkout"));
    assertEquals(null, h.cluster().stableVersion("checkout"), "stable never took the new version");
  }

  @Test
  void anApprovalTheServerRecordedBeforeTheDeadlineCountsThoughNoWorkerRan() {
    startAndReachGate();
    assertTrue(send(Action.APPROVE, "bob", "ok").accepted());
    long deadline = release.status().gate().deadlineMillis();

    h.env.getWorkerFactory().suspendPolling();
    h.waitFor(Duration.ofMillis(deadline - h.env.currentTimeMillis() - 5_000));
    release.approve(new ApprovalDecision("carol", "just in time"));
    h.waitFor(Duration.ofSeconds(30));
    h.env.getWorkerFactory().resumePolling();

    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals(
        List.of("bob", "carol"), audit("approved").stream().map(AuditEntry::actor).toList());
  }

  @Test
  void anApprovalTheServerRecordedAfterTheDeadlineIsRefusedAndSaysSo() {
    startAndReachGate();
    assertTrue(send(Action.APPROVE, "bob", "ok").accepted());
    long deadline = release.status().gate().deadlineMillis();

    // A poll already in flight may still take the deadline's task: then the approval arrives after
    // the rollback began.
    h.env.getWorkerFactory().suspendPolling();
    h.waitFor(Duration.ofMillis(deadline - h.env.currentTimeMillis() + 5_000));
    release.approve(new ApprovalDecision("carol", "too late"));
    h.env.getWorkerFactory().resumePolling();

    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(RollbackReason.APPROVAL_TIMEOUT, result.rollbackReason());
    List<AuditEntry> refused = audit("refused approve");
    assertEquals(List.of("carol"), refused.stream().map(AuditEntry::actor).toList());
    assertTrue(
        refused.get(0).detail().contains("had passed its deadline")
            || refused.get(0).detail().startsWith("the release is rolling back (approval_timeout"),
        refused.get(0).detail());
    assertEquals(
        List.of("bob"),
        audit("approved").stream().map(AuditEntry::actor).toList(),
        "audit and outcome agree");
  }

  @Test
  void pauseAndPromoteAnswerOnlyWhatTheyDo() {
    release = h.start(ReleaseHarness.request("ledger", null));
    h.waitFor(Duration.ofMinutes(2));
    assertTrue(send(Action.PAUSE, "oncall-sam", "looking").accepted());
    ControlAnswer again = send(Action.PAUSE, "oncall-kim", "me too");
    assertFalse(again.accepted());
    assertTrue(
        again.message().startsWith("the release is already paused (paused by oncall-sam"),
        again.message());
    assertTrue(send(Action.RESUME, "oncall-sam", "fine").accepted());
    h.waitFor(Duration.ofMinutes(40));
    ReleaseStatus atGate = release.status();
    assertEquals(Phase.AWAITING_APPROVAL, atGate.phase());
    ControlAnswer promote = send(Action.PROMOTE, "oncall-sam", "skip the soak");
    assertFalse(promote.accepted(), "there is no soak left to end at the gate");
    assertTrue(promote.message().contains("waits at its gate"), promote.message());
    assertTrue(send(Action.PROMOTE_FULL, "oncall-sam", "incident fix").accepted());

    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals("promoted in full by oncall-sam: incident fix", result.detail());
  }

  /** Starts a {@code gated} release requested by alice and waits until its gate is open. */
  private void startAndReachGate() {
    release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(Duration.ofMinutes(41));
    assertEquals(Phase.AWAITING_APPROVAL, release.status().phase());
  }
}
