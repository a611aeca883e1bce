package io.rollwright.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.Phase;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.PromoteRequest;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.policy.Strategy;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReleaseStateTest {
  private static final ReleaseRequest REQUEST =
      new ReleaseRequest(
          "checkout",
          "1.4.2",
          "registry.local/checkout:1.4.2",
          "prod",
          Strategy.CANARY,
          "standard",
          null,
          "carol",
          null,
          "CHG-1");

  private static ReleaseState state() {
    return new ReleaseState(REQUEST, () -> 1000L);
  }

  private static ControlRequest control(String actor, String reason) {
    return new ControlRequest(actor, reason);
  }

  static Stream<Arguments> refusedControls() {
    return Stream.of(
        refused(
            "pause without a request",
            s -> s.pause(null).accepted(),
            "pause",
            "(anonymous)",
            "a pause names who asks"),
        refused(
            "pause without an actor",
            s -> s.pause(control(" ", "why")).accepted(),
            "pause",
            "(anonymous)",
            "a pause names who asks"),
        refused(
            "resume when not paused",
            s -> s.resume(control("alice", null)).accepted(),
            "resume",
            "alice",
            "the release is not paused"),
        refused(
            "resume without an actor",
            s -> s.resume(control(null, null)).accepted(),
            "resume",
            "(anonymous)",
            "a resume names who asks"),
        refused(
            "abort without a reason",
            s -> s.abort(control("alice", null)).accepted(),
            "abort",
            "alice",
            "an abort names who asks and why"),
        refused(
            "abort with a blank reason",
            s -> s.abort(control("alice", "  ")).accepted(),
            "abort",
            "alice",
            "an abort names who asks and why"),
        refused(
            "abort without an actor",
            s -> s.abort(control(null, "bad deploy")).accepted(),
            "abort",
            "(anonymous)",
            "an abort names who asks and why"),
        refused(
            "promote without an actor",
            s -> s.promote(new PromoteRequest("", "go", false)).accepted(),
            "promote",
            "(anonymous)",
            "a promotion names who asks"),
        refused(
            "promote full without a reason",
            s -> s.promote(new PromoteRequest("alice", null, true)).accepted(),
            "promote --full",
            "alice",
            "a full promotion skips every remaining check and needs a reason"),
        refused(
            "approve with no gate open",
            s -> s.approve(new ApprovalDecision("alice", null)).accepted(),
            "approve",
            "alice",
            "no approval gate is open"),
        refused(
            "reject with no gate open",
            s -> s.reject(new ApprovalDecision("alice", "no")).accepted(),
            "reject",
            "alice",
            "no approval gate is open"));
  }

  private static Arguments refused(
      String label, Predicate<ReleaseState> control, String signal, String actor, String reason) {
    return Arguments.of(label, control, new ControlEvent.Refused(1000L, actor, signal, reason));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedControls")
  void refusedControlsChangeNothingAndAreAudited(
      String label, Predicate<ReleaseState> control, AuditEntry expected) {
    ReleaseState s = state();
    assertFalse(control.test(s), "the control must be refused");
    ReleaseStatus status = s.snapshot();
    assertEquals(List.of(expected), status.audit());
    assertEquals(Phase.RESOLVING, status.phase());
    assertNull(status.pausedBecause());
    assertNull(s.abortRequest());
    assertNull(s.fullPromotion());
    assertFalse(s.soakSkipped());
  }

  @Test
  void pauseThenResume() {
    ReleaseState s = state();
    s.enterStage(1, "canary-5");
    assertTrue(s.pause(control("alice", "checking dashboards")).accepted());
    assertEquals(Phase.PAUSED, s.snapshot().phase());
    assertEquals("paused by alice: checking dashboards", s.snapshot().pausedBecause());
    assertTrue(s.resume(control("bob", null)).accepted());
    assertFalse(s.paused());
    assertEquals(Phase.SOAKING, s.snapshot().phase());
    assertEquals(List.of("paused", "resumed"), actions(s));
    assertEquals(
        List.of("alice", "bob"), s.snapshot().audit().stream().map(AuditEntry::actor).toList());
  }

  @Test
  void aStateCarriedIntoAContinuedRunIsTheSameReleaseAndItsRulesGoOn() {
    ReleaseState s = new ReleaseState(REQUEST, () -> 1000L);
    s.resolved("standard", 3, false);
    s.approvers(Set.of("bob"));
    s.enterStage(2, "canary-25");
    s.weight(25);
    s.soaking(true);
    assertTrue(s.pause(control("alice", "checking dashboards")).accepted());
    assertFalse(s.pause(control("alice", "again")).accepted());
    assertTrue(s.promote(new PromoteRequest("bob", "looks fine", false)).accepted());
    assertTrue(s.pause(control("dave", "hold the next stage")).accepted());

    ReleaseState next = new ReleaseState(REQUEST, () -> 9000L, s.carry());
    assertEquals(s.snapshot(), next.snapshot());
    assertEquals(1000L, next.startedAt());
    assertTrue(next.soakSkipped(), "the promotion that ended the soak is carried");
    assertEquals(new ControlAnswer(true, "resumed by bob: go"), next.resume(control("bob", "go")));
    assertFalse(next.paused());
  }

  @Test
  void aSecondAbortIsRefused() {
    ReleaseState s = state();
    assertTrue(s.abort(control("alice", "wrong image")).accepted());
    assertTrue(s.interrupted());
    assertTrue(s.soakSkipped());
    assertFalse(s.abort(control("bob", "me too")).accepted());
    assertEquals(List.of("aborted", "refused abort"), actions(s));
    assertEquals(
        "the release is already rolling back (aborted: aborted by alice: wrong image)",
        last(s).detail());
    assertEquals(Phase.ROLLING_BACK, s.snapshot().phase());
    assertEquals("wrong image", s.abortRequest().reason());
  }

  @Test
  void promotionEndsTheSoakOrSkipsEverything() {
    ReleaseState s = state();
    s.enterStage(2, "canary-25");
    s.pauseBySystem("analysis inconclusive");
    assertFalse(
        s.promote(new PromoteRequest("alice", null, false)).accepted(),
        "no soak is running to end");
    s.soaking(true);
    assertTrue(s.promote(new PromoteRequest("alice", null, false)).accepted());
    assertTrue(s.soakSkipped());
    assertFalse(s.paused(), "a promotion lifts the pause");
    assertFalse(s.interrupted(), "a plain promotion only ends the soak");
    assertEquals("promoted (resuming and ending the soak of stage canary-25)", last(s).action());
    assertTrue(
        s.promote(new PromoteRequest("alice", "hotfix, approved in INC-7", true)).accepted());
    assertTrue(s.interrupted());
    assertEquals("hotfix, approved in INC-7", s.fullPromotion().reason());
    assertEquals(
        List.of(
            "paused",
            "refused promote",
            "promoted (resuming and ending the soak of stage canary-25)",
            "promoted in full (skipping remaining stages)"),
        actions(s));
    assertEquals(ReleaseState.SYSTEM, s.snapshot().audit().get(0).actor());
  }

  @Test
  void approvalsGoThroughTheOpenGateAndRefusalsAreAudited() {
    ReleaseState s = state();
    s.openGate(ApprovalTallyTest.tally());
    assertEquals(Phase.AWAITING_APPROVAL, s.snapshot().phase());
    assertFalse(s.approve(new ApprovalDecision("carol", null)).accepted());
    assertTrue(s.approve(new ApprovalDecision("alice", null)).accepted());
    assertEquals(List.of("alice"), s.snapshot().gate().approvedBy());
    assertEquals(
        List.of(
            new ControlEvent.Refused(
                1000L, "carol", "approve", "carol requested this release and cannot approve it"),
            new ControlEvent.Decided(1000L, "alice", true, "approved by alice (1 of 2)")),
        s.snapshot().audit());
  }

  @Test
  void theControlUpdateAnswersWithWhatItDid() {
    ReleaseState s = state();
    s.enterStage(1, "canary-5");
    s.openGate(ApprovalTallyTest.tally());
    assertEquals(
        new ControlAnswer(false, "carol requested this release and cannot approve it"),
        s.apply(new ControlCommand(ControlCommand.Action.APPROVE, "carol", null)));
    assertEquals(
        new ControlAnswer(true, "approved by alice (1 of 2)"),
        s.apply(new ControlCommand(ControlCommand.Action.APPROVE, "alice", null)));
    assertEquals(
        new ControlAnswer(true, "paused by bob: dashboards"),
        s.apply(new ControlCommand(ControlCommand.Action.PAUSE, "bob", "dashboards")));
    assertEquals(
        new ControlAnswer(false, "a full promotion skips every remaining check and needs a reason"),
        s.apply(new ControlCommand(ControlCommand.Action.PROMOTE_FULL, "bob", null)));
    assertEquals(
        new ControlAnswer(
            false,
            "the control names no action (one of [approve, reject, pause, resume, abort, promote, promote_full, alert])"),
        s.apply(new ControlCommand(null, "bob", null)));
    assertEquals(
        List.of(
            "refused approve", "approved", "paused", "refused promote --full", "refused control"),
        actions(s));
  }

  @Test
  void aDecisionForAnotherStagesGateIsRefused() {
    ReleaseState s = state();
    s.openGate(ApprovalTallyTest.tally());
    String open = s.snapshot().gate().stage();
    assertEquals(
        new ControlAnswer(false, "the gate of stage canary-5 is closed"),
        s.apply(new ControlCommand(ControlCommand.Action.APPROVE, "alice", null, "canary-5")));
    assertTrue(
        s.apply(new ControlCommand(ControlCommand.Action.APPROVE, "alice", null, open)).accepted());
    assertEquals(List.of("refused approve", "approved"), actions(s));
  }

  @Test
  void afterTheEndEveryControlIsRefused() {
    ReleaseState s = state();
    s.openGate(ApprovalTallyTest.tally());
    s.finish(new ReleaseResult(REQUEST.releaseId(), ReleaseOutcome.PROMOTED, null, "done", 5));
    assertFalse(s.pause(control("alice", null)).accepted());
    assertFalse(s.abort(control("alice", "too late")).accepted());
    assertFalse(s.promote(new PromoteRequest("alice", "now", true)).accepted());
    assertFalse(s.approve(new ApprovalDecision("alice", null)).accepted());
    ReleaseStatus status = s.snapshot();
    assertEquals(Phase.DONE, status.phase());
    assertNull(status.gate());
    assertEquals(
        List.of("refused pause", "refused abort", "refused promote --full", "refused approve"),
        actions(s));
    assertTrue(
        status.audit().stream()
            .allMatch(e -> e.detail().equals("the release has ended (PROMOTED)")),
        status.audit().toString());
  }

  @Test
  void snapshotDescribesTheRelease() {
    ReleaseState s = state();
    s.resolved("standard", 3, false);
    s.enterStage(1, "canary-5");
    s.weight(5);
    ReleaseStatus status = s.snapshot();
    assertEquals("checkout@prod", status.releaseId());
    assertEquals("carol", status.requestedBy());
    assertEquals("standard", status.policy());
    assertEquals(List.of(1, 3), List.of(status.stageNumber(), status.stageCount()));
    assertEquals("canary-5", status.stage());
    assertEquals(5.0, status.weight());
    assertEquals(1000L, status.startedAtMillis());
  }

  @Test
  void refusalsNeverEvictDecisionsAndTheStatusShowsTheFirstAndLastDecisions() {
    ReleaseState s = state();
    ControlEvent.Decided first =
        new ControlEvent.Decided(1000L, "bob", true, "approved by bob (1 of 2)");
    s.record(first);
    for (int i = 0; i < 5000; i++) {
      s.approve(new ApprovalDecision("carol", "me too"));
    }
    for (int i = 0; i < Audit.DECISIONS_SHOWN + 10; i++) {
      s.record(new ControlEvent.Paused(1000L, "alice", "entry " + i));
    }
    ProgressEvent.Finished last =
        new ProgressEvent.Finished(
            1000L, ReleaseState.SYSTEM, ReleaseOutcome.ROLLED_BACK, "the outcome");
    s.record(last);

    List<AuditEntry> audit = s.snapshot().audit();
    assertEquals(first, audit.get(0));
    assertEquals(
        "carol requested this release and cannot approve it (×5,000)", audit.get(1).detail());
    assertEquals(
        "entry " + (Audit.DECISIONS_SHOWN / 2 - 2), audit.get(Audit.DECISIONS_SHOWN / 2).detail());
    assertEquals(
        "12 decisions here are not shown; the release's history has them",
        audit.get(Audit.DECISIONS_SHOWN / 2 + 1).detail());
    assertEquals(last, audit.get(audit.size() - 1));
    assertEquals(
        Audit.DECISIONS_SHOWN + 2,
        audit.size(),
        "100 decisions, the folded refusal and the marker");
  }

  private static List<String> actions(ReleaseState s) {
    return s.snapshot().audit().stream().map(AuditEntry::action).toList();
  }

  private static AuditEntry last(ReleaseState s) {
    List<AuditEntry> audit = s.snapshot().audit();
    return audit.get(audit.size() - 1);
  }
}
