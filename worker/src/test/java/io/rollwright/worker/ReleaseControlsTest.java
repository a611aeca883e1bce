package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.Phase;
import io.rollwright.api.PromoteRequest;
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
 * What people do to a running release: approve, reject, let a gate time out, pause, resume, abort,
 * promote.
 */
class ReleaseControlsTest extends TimeSkippingReleaseTest {
  private ReleaseWorkflow release;

  /** Starts a {@code gated} release requested by alice and waits until its gate is open. */
  private void startAndReachGate() {
    release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(Duration.ofMinutes(41));
    assertEquals(Phase.AWAITING_APPROVAL, release.status().phase());
  }

  private List<AuditEntry> audit(String action) {
    return release.status().audit().stream().filter(e -> e.action().equals(action)).toList();
  }

  @Test
  void selfApprovalAndDuplicatesAreRefusedAndTwoDistinctApproversPromote() {
    startAndReachGate();

    release.approve(new ApprovalDecision("alice", "my own change"));
    release.approve(new ApprovalDecision("bob", "ok"));
    release.approve(new ApprovalDecision("bob", "ok again"));
    release.approve(new ApprovalDecision("mallory", "let me in"));
    ReleaseStatus waiting = release.status();
    assertEquals(List.of("bob"), waiting.gate().approvedBy(), "only bob counts so far");
    assertEquals(Phase.AWAITING_APPROVAL, waiting.phase());

    release.approve(new ApprovalDecision("carol", "ship it"));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    List<String> refusals =
        audit("refused approve").stream().map(e -> e.actor() + ": " + e.detail()).toList();
    assertEquals(3, refusals.size(), refusals.toString());
    assertTrue(
        refusals.get(0).contains("alice: alice requested this release and cannot approve it"));
    assertTrue(refusals.get(1).contains("bob has already approved"));
    assertTrue(refusals.get(2).contains("mallory is not an allowed approver"));
    assertEquals(
        List.of("bob", "carol"), audit("approved").stream().map(AuditEntry::actor).toList());
  }

  @Test
  void theControlUpdateTellsTheSenderWhetherItCounted() {
    startAndReachGate();

    ReleaseControls controls = new ReleaseControls(h.client, Duration.ofSeconds(30));
    String id = release.status().releaseId();
    assertEquals(
        new ControlAnswer(false, "alice requested this release and cannot approve it"),
        controls.send(id, new ControlCommand(ControlCommand.Action.APPROVE, "alice", null)));
    assertEquals(
        new ControlAnswer(
            false,
            "mallory is not an allowed approver at any gate of this release (allowed: alice, bob, carol)"),
        controls.send(id, new ControlCommand(ControlCommand.Action.APPROVE, "mallory", null)));
    assertEquals(
        new ControlAnswer(true, "approved by bob (1 of 2)"),
        controls.send(id, new ControlCommand(ControlCommand.Action.APPROVE, "bob", "ok")));
    assertEquals(
        new ControlAnswer(false, "bob has already approved; an approver counts once"),
        controls.send(id, new ControlCommand(ControlCommand.Action.APPROVE, "bob", "again")));
    assertEquals(
        new ControlAnswer(true, "approved by carol (2 of 2)"),
        controls.send(id, new ControlCommand(ControlCommand.Action.APPROVE, "carol", null)));

    assertEquals(ReleaseOutcome.PROMOTED, h.result(release).outcome());
    assertEquals(
        List.of("bob", "carol"), audit("approved").stream().map(AuditEntry::actor).toList());
    assertEquals(
        List.of("bob"),
        audit("refused approve").stream().map(AuditEntry::actor).toList(),
        "alice's and mallory's approvals were refused before the release accepted them and left no trace; bob's only the gate could refuse");
  }

  @Test
  void rejectionRollsBackAndNamesWhoRejected() {
    startAndReachGate();

    release.reject(new ApprovalDecision("bob", ""));
    release.reject(new ApprovalDecision("bob", "latency looks off in eu-west"));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome());
    assertEquals(RollbackReason.REJECTED, result.rollbackReason());
    assertEquals("rejected by bob: latency looks off in eu-west", result.detail());
    assertEquals(1, audit("refused reject").size(), "a rejection without a reason is refused");
    assertEquals(List.of(10.0, 50.0, 0.0), h.weights("checkout"));
  }

  @Test
  void approvalTimeoutRollsBack() {
    startAndReachGate();
    release.approve(new ApprovalDecision("bob", "ok"));

    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome());
    assertEquals(RollbackReason.APPROVAL_TIMEOUT, result.rollbackReason());
    assertTrue(result.detail().contains("within 2h (1 of 2 approvals)"), result.detail());
    assertEquals(0.0, h.cluster().weight("checkout"));
  }

  @Test
  void abortWithReasonRollsBackAtOnce() {
    release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(Duration.ofMinutes(3));

    release.abort(new ControlRequest("oncall-sam", null));
    release.abort(new ControlRequest("oncall-sam", "pager storm in checkout"));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome());
    assertEquals(RollbackReason.ABORTED, result.rollbackReason());
    assertEquals("aborted by oncall-sam: pager storm in checkout", result.detail());
    assertEquals(List.of(10.0, 0.0), h.weights("checkout"));
    assertEquals(1, audit("refused abort").size(), "an abort without a reason is refused");
  }

  @Test
  void pauseHoldsTheNextStageUntilResumed() {
    release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(Duration.ofMinutes(2));
    release.pause(new ControlRequest("oncall-sam", "investigating a dashboard"));

    h.waitFor(Duration.ofHours(3));
    ReleaseStatus held = release.status();
    assertEquals(Phase.PAUSED, held.phase());
    assertEquals(10.0, held.weight(), "no traffic change while paused");
    assertEquals(List.of(10.0), h.weights("checkout"));

    release.resume(new ControlRequest("oncall-sam", "all clear"));
    h.waitFor(Duration.ofMinutes(31));
    release.approve(new ApprovalDecision("bob", "ok"));
    release.approve(new ApprovalDecision("carol", "ok"));

    assertEquals(ReleaseOutcome.PROMOTED, h.result(release).outcome());
    assertEquals(
        List.of(10.0, 50.0, 100.0, 0.0),
        h.weights("checkout"),
        "the canary carries all traffic while stable is replaced");
  }

  @Test
  void fullPromotionNeedsAReasonAndSkipsRemainingStages() {
    release = h.start(ReleaseHarness.request("ledger", null));
    h.waitFor(Duration.ofMinutes(2));

    release.promote(new PromoteRequest("oncall-sam", "", true));
    assertEquals(1, audit("refused promote --full").size());
    release.promote(new PromoteRequest("oncall-sam", "incident fix must ship now", true));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome());
    assertEquals("promoted in full by oncall-sam: incident fix must ship now", result.detail());
    assertEquals(List.of(10.0, 100.0, 0.0), h.weights("ledger"), "stage 2 (50%) never ran");
    assertEquals("2.3.0", h.cluster().stableVersion("ledger"));
  }
}
