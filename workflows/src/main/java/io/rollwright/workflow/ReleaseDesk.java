package io.rollwright.workflow;

import io.rollwright.analysis.SoakDecision;
import io.rollwright.api.AnalysisEvent;
import io.rollwright.api.RollbackReason;
import io.rollwright.api.SoakResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one place where what reaches a release is applied to it: controls from people and the ends of
 * analysis runs. Pure. Arrivals queue up as the server delivers them and are applied together, in a
 * fixed order ({@link Arrival#rank()}: abort and reject, then verdicts, then pause and resume, then
 * approvals, then promotions; arrivals of the same rank in the order the server recorded them), so
 * an abort sent with the final approval wins, and a breach found with a promotion rolls back.
 */
final class ReleaseDesk {
  private final ReleaseState state;
  private final List<Arrival> inbox = new ArrayList<>();
  private long runs;
  private long current;
  private Arrival.Analysis settled;

  ReleaseDesk(ReleaseState state) {
    this.state = state;
  }

  void arrive(Arrival a) {
    inbox.add(a);
  }

  /** Nothing is waiting to be applied. */
  boolean idle() {
    return inbox.isEmpty();
  }

  /** Applies everything that has arrived, in the fixed order. */
  void drain() {
    List<Arrival> now = new ArrayList<>(inbox);
    inbox.clear();
    now.sort(Comparator.comparingInt(Arrival::rank));
    now.forEach(this::apply);
  }

  /** A new analysis run begins; only its end will count. Returns its number. */
  long startAnalysis() {
    current = ++runs;
    settled = null;
    return current;
  }

  /** The end of run {@code run} once applied, else null. */
  Arrival.Analysis settled(long run) {
    return settled != null && settled.run() == run ? settled : null;
  }

  /** The run is over (ended, or no longer wanted): a late end of it will not count. */
  void endAnalysis(long run) {
    if (current == run) {
      current = 0;
    }
  }

  private void apply(Arrival a) {
    if (a instanceof Arrival.Control c) {
      var answer = state.apply(c.command(), c.afterDeadline());
      if (c.reply() != null) {
        c.reply().set(answer);
      }
    } else if (a instanceof Arrival.Analysis run) {
      analysed(run);
    }
  }

  private void analysed(Arrival.Analysis run) {
    if (run.run() != current || run.cancelled()) {
      if (!run.cancelled() && run.result() != null && run.result().decision().rollsBack()) {
        note(
            AnalysisEvent.NoteKind.IGNORED,
            "a run that had already ended reported: " + run.result().decision().reason());
      }
      return;
    }
    settled = run;
    if (state.stop() != null || state.result() != null) {
      return;
    }
    if (run.failure() != null) {
      holdForHuman("analysis could not run: " + run.failure());
      return;
    }
    SoakResult result = run.result();
    SoakDecision decision = result.decision();
    state.analysed(result);
    result.gaps().forEach(gap -> note(AnalysisEvent.NoteKind.GAP, gap));
    state.record(AnalysisEvent.Analysed.of(state.now(), result));
    if (decision.rollsBack()) {
      state.beginRollback(
          state.baking() ? RollbackReason.BAKE : RollbackReason.ANALYSIS,
          decision.reason() + heldContext());
    } else if (decision.stopsSoak()) {
      holdForHuman(decision.verdict().name() + ": " + decision.reason());
    }
  }

  private void note(AnalysisEvent.NoteKind kind, String text) {
    state.record(new AnalysisEvent.Note(state.now(), ReleaseState.SYSTEM, kind, text));
  }

  /** Pauses for a human unless the release is already paused (the reading is shown either way). */
  private void holdForHuman(String why) {
    if (state.paused()) {
      note(AnalysisEvent.NoteKind.WHILE_PAUSED, why);
    } else {
      state.pauseBySystem(why);
    }
  }

  /**
   * How the canary was held when it failed, so the outcome says the breach did not wait for a
   * resume.
   */
  private String heldContext() {
    if (state.paused()) {
      return " (while paused: " + state.pausedBecause() + ")";
    }
    return state.gate() != null
        ? " (while awaiting approval of stage " + state.gate().stage() + ")"
        : "";
  }
}
