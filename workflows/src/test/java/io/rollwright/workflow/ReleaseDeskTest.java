package io.rollwright.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.analysis.SoakDecision;
import io.rollwright.analysis.Verdict;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.RollbackReason;
import io.rollwright.api.SoakResult;
import io.rollwright.policy.BreachAction;
import io.rollwright.policy.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What arrives together is applied in the documented order, whatever order it arrived in. */
class ReleaseDeskTest {
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
  static final SoakResult BREACH =
      new SoakResult(
          new SoakDecision(Verdict.FAIL, BreachAction.ROLLBACK, "error-rate 30.00% > 1.00%"),
          List.of(),
          60_000,
          2,
          List.of());

  private final ReleaseState state = new ReleaseState(REQUEST, () -> 1000L);
  private final ReleaseDesk desk = new ReleaseDesk(state);

  private Arrival.Reply send(Action action, String actor, String reason, boolean afterDeadline) {
    Arrival.Reply reply = new Arrival.Reply();
    desk.arrive(
        new Arrival.Control(new ControlCommand(action, actor, reason), afterDeadline, reply));
    return reply;
  }

  @Test
  void anAbortArrivingAfterTheFinalApprovalStillWins() {
    state.openGate(ApprovalTallyTest.tally());
    send(Action.APPROVE, "alice", null, false);
    desk.drain();
    Arrival.Reply approve = send(Action.APPROVE, "bob", "ok", false);
    Arrival.Reply abort = send(Action.ABORT, "sam", "pager storm", false);

    desk.drain();

    assertEquals(new ControlAnswer(true, "aborted by sam: pager storm"), abort.get());
    assertFalse(approve.get().accepted());
    assertTrue(
        approve.get().message().startsWith("the release is rolling back (aborted: aborted by sam"),
        approve.get().message());
    assertEquals(RollbackReason.ABORTED, state.stop().reason());
    assertEquals(Phase.ROLLING_BACK, state.snapshot().phase());
  }

  @Test
  void aBreachFoundWithAFullPromotionRollsBackAndThePromotionIsRefused() {
    state.enterStage(1, "canary-10");
    state.soaking(true);
    long run = desk.startAnalysis();
    Arrival.Reply promote = send(Action.PROMOTE_FULL, "sam", "ship it", false);
    desk.arrive(new Arrival.Analysis(run, BREACH, null, false));

    desk.drain();

    assertFalse(promote.get().accepted());
    assertTrue(
        promote
            .get()
            .message()
            .startsWith("the release is rolling back (analysis: error-rate 30.00% > 1.00%"),
        promote.get().message());
    assertEquals(RollbackReason.ANALYSIS, state.stop().reason());
    assertNull(state.fullPromotion());
  }

  @Test
  void anApprovalTheServerRecordedAfterTheDeadlineIsRefusedAndOneBeforeItCounts() {
    state.openGate(ApprovalTallyTest.tally());
    Arrival.Reply before = send(Action.APPROVE, "alice", null, false);
    state.gate().expire();
    Arrival.Reply after = send(Action.APPROVE, "bob", null, true);

    desk.drain();

    assertTrue(before.get().accepted());
    assertEquals(
        new ControlAnswer(
            false, "the gate of stage canary-50 had passed its deadline when this arrived"),
        after.get());
    assertEquals(List.of("alice"), state.gate().approvedBy());
  }

  @Test
  void aPauseWhileABreachArrivesIsRefusedBecauseTheRollbackCameFirst() {
    state.enterStage(1, "canary-10");
    long run = desk.startAnalysis();
    Arrival.Reply pause = send(Action.PAUSE, "sam", "looking", false);
    desk.arrive(new Arrival.Analysis(run, BREACH, null, false));

    desk.drain();

    assertFalse(pause.get().accepted());
    assertEquals(Phase.ROLLING_BACK, state.snapshot().phase(), "a pause does not hold a rollback");
  }

  @Test
  void theEndOfARunNoLongerWantedIsIgnored() {
    state.enterStage(1, "canary-10");
    long run = desk.startAnalysis();
    desk.endAnalysis(run);
    desk.arrive(new Arrival.Analysis(run, BREACH, null, false));

    desk.drain();

    assertNull(state.stop());
    assertNull(desk.settled(run));
    assertEquals("analysis ignored", state.snapshot().audit().get(0).action());
  }
}
