package io.rollwright.workflow;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rollwright.analysis.SoakDecision;
import io.rollwright.analysis.Verdict;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.RollbackReason;
import io.rollwright.api.SoakResult;
import io.rollwright.policy.BreachAction;
import io.rollwright.policy.Gate;
import io.rollwright.policy.GateType;
import io.rollwright.policy.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of controls, analysis verdicts, gate deadlines and the release's own steps,
 * each seed a deterministic replay of one interleaving, against the real {@link ReleaseState} and
 * {@link ReleaseDesk}; the release's steps are a model of the workflow's reactions. Invariants: an
 * accepted control took effect; a rollback, once begun, ends ROLLED_BACK or FAILED; audit and
 * outcome never contradict each other; every update is answered; nothing that arrived after a
 * gate's deadline counted toward it.
 */
class ControlPropertyTest {
  static final int INTERLEAVINGS = Integer.getInteger("rollwright.interleavings", 10_000);
  private static final List<String> ACTORS = List.of("alice", "bob", "carol", "mallory", "");
  private static final List<Action> ACTIONS = List.of(Action.values());
  private static final int STAGES = 2;

  @Test
  void invariantsHoldOverRandomInterleavings() {
    long seed = Long.getLong("rollwright.seed", 20261201L);
    Random seeds = new Random(seed);
    int promoted = 0;
    int rolledBack = 0;
    for (int i = 0; i < INTERLEAVINGS; i++) {
      long one = seeds.nextLong();
      ReleaseResult result = new Interleaving(new Random(one)).run(one);
      promoted += result.outcome() == ReleaseOutcome.PROMOTED ? 1 : 0;
      rolledBack += result.outcome() != ReleaseOutcome.PROMOTED ? 1 : 0;
    }
    System.out.println(
        "control interleavings: "
            + INTERLEAVINGS
            + " (seed "
            + seed
            + ", "
            + promoted
            + " promoted, "
            + rolledBack
            + " rolled back or failed)");
    assertTrue(
        promoted > INTERLEAVINGS / 20 && rolledBack > INTERLEAVINGS / 20,
        "the interleavings reach both ends");
  }

  /** One release driven by one random sequence of arrivals and steps. */
  private static final class Interleaving {
    private enum Step {
      SOAK,
      HELD,
      GATE,
      PROMOTING,
      ROLLING_BACK,
      DONE
    }

    private final Random random;
    private final ReleaseState state;
    private final ReleaseDesk desk;
    private final List<Sent> sent = new ArrayList<>();
    private Step step = Step.SOAK;
    private int stage = 1;
    private long run;
    private ApprovalTally tally;
    private ReleaseResult result;
    private boolean stopSeen;
    private int stopSeenAtAudit = -1;

    /** A control as sent, and where the desk's answer will be. */
    private record Sent(ControlCommand command, boolean afterDeadline, Arrival.Reply reply) {}

    Interleaving(Random random) {
      this.random = random;
      state =
          new ReleaseState(
              new ReleaseRequest(
                  "checkout",
                  "1.0.0",
                  "registry.local/checkout:1.0.0",
                  "prod",
                  Strategy.CANARY,
                  "standard",
                  null,
                  "carol",
                  null,
                  null),
              () -> 0L);
      desk = new ReleaseDesk(state);
      state.enterStage(1, "canary-1");
      startRun(true);
    }

    ReleaseResult run(long seed) {
      int events = 0;
      while (step != Step.DONE) {
        if (++events > 5_000) {
          fail("seed " + seed + ": the release never ended (stuck at " + step + ")");
        }
        boolean settling = events > 60;
        int pick = random.nextInt(settling ? 3 : 6);
        switch (pick) {
          case 0 -> act();
          case 1 -> drain();
          case 2 -> arriveVerdict(settling);
          case 3, 4 -> arriveControl();
          default -> fireDeadline();
        }
        if (settling && random.nextInt(4) == 0) {
          unstick();
        }
      }
      drain();
      check(seed);
      return result;
    }

    private void drain() {
      desk.drain();
      if (state.stop() != null && !stopSeen) {
        stopSeen = true;
        stopSeenAtAudit = state.snapshot().audit().size();
      }
    }

    private void arriveControl() {
      Action action = ACTIONS.get(random.nextInt(ACTIONS.size()));
      String actor = ACTORS.get(random.nextInt(ACTORS.size()));
      ControlCommand command =
          new ControlCommand(action, actor, random.nextBoolean() ? "because" : null);
      boolean afterDeadline = state.gate() != null && state.gate().expired();
      Arrival.Reply reply = new Arrival.Reply();
      sent.add(new Sent(command, afterDeadline, reply));
      desk.arrive(new Arrival.Control(command, afterDeadline, reply));
    }

    private void arriveVerdict(boolean settling) {
      if (run == 0) {
        return;
      }
      int kind = settling ? 0 : random.nextInt(6);
      SoakResult r =
          switch (kind) {
            case 1 -> result(Verdict.FAIL, BreachAction.ROLLBACK);
            case 2 -> result(Verdict.FAIL, BreachAction.PAUSE);
            case 3 -> result(Verdict.INCONCLUSIVE, BreachAction.PAUSE);
            default -> result(Verdict.PASS, null);
          };
      desk.arrive(
          new Arrival.Analysis(
              random.nextInt(10) == 0 ? run - 1 : run,
              kind == 4 ? null : r,
              kind == 4 ? "provider down" : null,
              kind == 5));
    }

    private static SoakResult result(Verdict verdict, BreachAction action) {
      return new SoakResult(
          new SoakDecision(verdict, action, verdict + " reading"), List.of(), 30_000, 1, List.of());
    }

    private void fireDeadline() {
      if (tally != null && !tally.expired()) {
        tally.expire();
      }
    }

    /** Late in a run, what people would eventually do: resume, approve, let time pass. */
    private void unstick() {
      if (state.paused()) {
        desk.arrive(
            new Arrival.Control(new ControlCommand(Action.RESUME, "sam", "go on"), false, null));
      } else if (tally != null && random.nextBoolean()) {
        desk.arrive(
            new Arrival.Control(
                new ControlCommand(Action.APPROVE, "bob", null), tally.expired(), null));
        desk.arrive(
            new Arrival.Control(
                new ControlCommand(Action.APPROVE, "alice", null), tally.expired(), null));
      } else {
        fireDeadline();
      }
    }

    /**
     * One reaction of the release, as the workflow reacts: only once everything that arrived has
     * been applied.
     */
    private void act() {
      if (!desk.idle()) {
        return;
      }
      if (state.stop() != null
          && step != Step.PROMOTING
          && step != Step.ROLLING_BACK
          && step != Step.DONE) {
        endRun();
        state.closeGate();
        tally = null;
        step = Step.ROLLING_BACK;
        return;
      }
      switch (step) {
        case SOAK -> {
          Arrival.Analysis settled = desk.settled(run);
          if (state.soakSkipped()) {
            endRun();
            state.soaking(false);
            afterSoak();
          } else if (settled != null) {
            state.soaking(false);
            boolean pass = settled.failure() == null && !settled.result().decision().stopsSoak();
            endRun();
            if (pass) {
              afterSoak();
            } else {
              step = Step.HELD;
              startRun(false);
            }
          }
        }
        case HELD -> {
          if (state.fullPromotion() != null || !state.paused()) {
            endRun();
            state.enterStage(stage, "canary-" + stage);
            step = Step.SOAK;
            startRun(true);
          } else {
            rewatch();
          }
        }
        case GATE -> {
          if (tally.closed() || tally.expired() || state.fullPromotion() != null) {
            endRun();
            boolean approved = tally.closed() || state.fullPromotion() != null;
            state.closeGate();
            tally = null;
            if (approved) {
              advance();
            } else {
              state.beginRollback(RollbackReason.APPROVAL_TIMEOUT, "no decision");
            }
          } else {
            rewatch();
          }
        }
        case PROMOTING -> finish(ReleaseOutcome.PROMOTED, null, "promoted");
        case ROLLING_BACK ->
            finish(
                random.nextInt(5) == 0 ? ReleaseOutcome.FAILED : ReleaseOutcome.ROLLED_BACK,
                state.stop().reason(),
                state.stop().detail());
        default -> {}
      }
    }

    private void afterSoak() {
      if (state.fullPromotion() != null) {
        advance();
        return;
      }
      tally =
          new ApprovalTally(
              "canary-" + stage,
              new Gate(
                  GateType.APPROVAL,
                  2,
                  List.of("alice", "bob"),
                  List.of(),
                  List.of(),
                  Duration.ofHours(1),
                  null),
              Map.of(),
              "carol",
              0);
      state.openGate(tally);
      step = Step.GATE;
      startRun(false);
    }

    /** The next traffic change: the next stage, or the promotion; held while paused. */
    private void advance() {
      if (state.paused()) {
        step = Step.HELD;
        startRun(false);
        return;
      }
      if (stage < STAGES && state.fullPromotion() == null) {
        stage++;
        state.enterStage(stage, "canary-" + stage);
        step = Step.SOAK;
        startRun(true);
      } else {
        state.phase(Phase.PROMOTING);
        step = Step.PROMOTING;
      }
    }

    private void rewatch() {
      if (desk.settled(run) != null) {
        endRun();
        startRun(false);
      }
    }

    private void startRun(boolean soak) {
      run = desk.startAnalysis();
      state.soaking(soak);
    }

    private void endRun() {
      desk.endAnalysis(run);
      run = 0;
    }

    private void finish(ReleaseOutcome outcome, RollbackReason reason, String detail) {
      result = new ReleaseResult("checkout@prod", outcome, reason, detail, 0);
      state.finish(result);
      step = Step.DONE;
    }

    private void check(long seed) {
      String where = "seed " + seed + ": ";
      List<AuditEntry> audit = state.snapshot().audit();
      boolean rollbackOutcome =
          result.outcome() == ReleaseOutcome.ROLLED_BACK
              || result.outcome() == ReleaseOutcome.FAILED;
      if (stopSeen) {
        assertTrue(
            rollbackOutcome, where + "a rollback began, yet the release ended " + result.outcome());
      }
      for (Sent s : sent) {
        if (s.reply().get() == null) {
          fail(where + s.command() + " was never answered");
        }
      }
      List<String> actions = audit.stream().map(AuditEntry::action).toList();
      if (actions.contains("aborted")) {
        assertTrue(
            rollbackOutcome && result.rollbackReason() == RollbackReason.ABORTED,
            where
                + "an abort was accepted, yet the release ended "
                + result.outcome()
                + " ("
                + result.rollbackReason()
                + ")");
      }
      if (result.outcome() == ReleaseOutcome.PROMOTED) {
        assertTrue(
            !actions.contains("rejected") && !actions.contains("aborted"),
            where + "promoted with " + actions);
      }
      if (result.rollbackReason() == RollbackReason.REJECTED) {
        assertTrue(
            actions.contains("rejected"),
            where + "rolled back as rejected with no rejection in " + actions);
      }
      int promotedInFull = actions.indexOf("promoted in full (skipping remaining stages)");
      if (promotedInFull >= 0 && result.outcome() != ReleaseOutcome.PROMOTED) {
        assertTrue(
            stopSeenAtAudit > promotedInFull,
            where + "a full promotion was accepted, then the release ended " + result.outcome());
      }
      for (Sent s : sent) {
        boolean decision =
            s.command().action() == Action.APPROVE || s.command().action() == Action.REJECT;
        if (decision && s.afterDeadline() && s.reply().get().accepted()) {
          fail(where + s.command() + " counted though it arrived after the deadline");
        }
      }
    }
  }
}
