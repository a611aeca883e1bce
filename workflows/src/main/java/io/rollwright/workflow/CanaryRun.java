package io.rollwright.workflow;

import io.rollwright.api.Phase;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.PromoteRequest;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.RollbackReason;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Stage;
import io.rollwright.policy.Strategy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * A canary release from its first traffic action: deploy the canary, then for each stage wait for
 * the calendar, set the weight, soak while analysis runs and pass the gate; promote. Anything that
 * goes wrong rolls back by compensation. Knows where it is, for a release that continues as new.
 */
final class CanaryRun {
  private final ReleaseSteps steps;
  private final ReleaseDesk desk;
  private final ReleaseState state;
  private final ReleaseNews news;
  private final ReleaseEnd end;
  private final Continuation continuation;
  private final ResolvedRelease release;
  private final ReleaseRequest request;
  private final ReleasePolicy policy;
  private final TrafficTarget target;
  private final boolean watchedHolds;
  private CanaryWatch canary;
  private StageGate stageGate;
  private StageChecks stageChecks;
  private CalendarHold calendar;
  private int stageAt;
  private boolean soakingAt;

  /** The parts a run is made of, and the release it runs. */
  record Parts(
      ReleaseSteps steps,
      ReleaseDesk desk,
      ReleaseState state,
      ReleaseNews news,
      ReleaseEnd end,
      Continuation continuation) {}

  CanaryRun(Parts parts, ResolvedRelease release, TrafficTarget target, boolean watchedHolds) {
    this.steps = parts.steps();
    this.desk = parts.desk();
    this.state = parts.state();
    this.news = parts.news();
    this.end = parts.end();
    this.continuation = parts.continuation();
    this.release = release;
    this.request = release.request();
    this.policy = release.policy();
    this.target = target;
    this.watchedHolds = watchedHolds;
  }

  /**
   * Where the run is, for the run the release continues as; {@code confirming}, a break-glass
   * confirmation still open, comes first.
   */
  ReleaseCheckpoint.Resume here(ApprovalTally confirming) {
    long since = canary == null ? 0 : canary.canarySince();
    ApprovalTally gate = stageGate == null ? null : stageGate.open();
    if (confirming != null || gate != null) {
      ApprovalTally open = confirming != null ? confirming : gate;
      return new ReleaseCheckpoint.Resume(
          confirming != null ? ReleaseCheckpoint.Step.CONFIRMING : ReleaseCheckpoint.Step.AT_GATE,
          stageAt,
          0,
          open.approvedBy(),
          open.status().deadlineMillis(),
          since);
    }
    if (soakingAt) {
      return new ReleaseCheckpoint.Resume(
          canary.soakHeld() ? ReleaseCheckpoint.Step.SOAK_HELD : ReleaseCheckpoint.Step.SOAKING,
          stageAt,
          canary.soakLeft().toMillis(),
          List.of(),
          0,
          since);
    }
    return new ReleaseCheckpoint.Resume(
        ReleaseCheckpoint.Step.BEFORE_STAGE, stageAt, 0, List.of(), 0, since);
  }

  /**
   * The canary release from its first traffic action, or from the step a run before this one
   * reached ({@code at}). Throws {@link Continuation.Due} where the release is to continue as new.
   */
  ReleaseResult run(ReleaseCheckpoint.Resume at) {
    Saga saga = new Saga(new Saga.Options.Builder().build());
    try {
      saga.addCompensation(this::restoreStable);
      if (at == null) {
        steps.deployCanary(target);
      }
      canary =
          new CanaryWatch(
              steps,
              desk,
              state,
              news::tell,
              watchedHolds,
              target,
              policy.analysis(),
              at == null ? Workflow.currentTimeMillis() : at.canarySince(),
              continuation,
              stuck());
      stageGate = new StageGate(state, canary, policy.groups(), watchedHolds, news::tell);
      stageChecks = new StageChecks(steps, state, canary, news::tell, policy.analysis().interval());
      calendar =
          new CalendarHold(
              state,
              canary,
              request.strategy() == Strategy.ROLLBACK ? List.of() : release.calendars(),
              news::tell);
      List<Stage> stages = policy.runStages();
      int first = at == null ? 0 : at.stage() - 1;
      for (int i = first; i < stages.size() && state.fullPromotion() == null; i++) {
        runStage(i + 1, stages.get(i), i == 0 ? null : stages.get(i - 1), i == first ? at : null);
      }
      stageAt = stages.size() + 1;
      return promote(stages.get(stages.size() - 1));
    } catch (ReleaseStop stop) {
      return rollBack(saga);
    } catch (ActivityFailure e) {
      state.beginRollback(RollbackReason.ERROR, Failures.describe(e));
      return rollBack(saga);
    } catch (CanceledFailure e) {
      state.beginRollback(RollbackReason.ABORTED, "the release workflow was cancelled");
      return rollBack(saga);
    }
  }

  /**
   * Runs one stage: weight, soak, gate; from the step {@code at} when a run before this one reached
   * it.
   */
  private void runStage(int number, Stage stage, Stage previous, ReleaseCheckpoint.Resume at) {
    stageAt = number;
    ReleaseCheckpoint.Step from = at == null ? ReleaseCheckpoint.Step.BEFORE_STAGE : at.step();
    if (from == ReleaseCheckpoint.Step.BEFORE_STAGE) {
      calendar.beforeChange("stage " + stage.name(), previous);
      state.enterStage(number, stage.name());
      requireNoStop();
      stageChecks.before(release, stage, previous);
      TrafficTarget staged = target.atStage(stage.name(), policy.cohortsThrough(number));
      state.weight(state.baking() ? steps.bake(staged) : steps.setWeight(staged, stage.weight()));
      requireNoStop();
      ProgressEvent.StageStarted started =
          new ProgressEvent.StageStarted(
              state.now(),
              ReleaseState.SYSTEM,
              stage.name(),
              stage.weight(),
              stage.soak().toMillis());
      state.record(started);
      news.tell(started);
    }
    if (from != ReleaseCheckpoint.Step.AT_GATE) {
      soakingAt = true;
      boolean resuming =
          from == ReleaseCheckpoint.Step.SOAKING || from == ReleaseCheckpoint.Step.SOAK_HELD;
      CancellationScope asking = stageChecks.during(release, stage);
      try {
        canary.soak(
            stage,
            resuming ? Duration.ofMillis(at.soakLeftMillis()) : stage.soak(),
            from == ReleaseCheckpoint.Step.SOAK_HELD);
      } finally {
        if (asking != null) {
          asking.cancel();
        }
      }
      soakingAt = false;
    }
    stageGate.pass(stage, from == ReleaseCheckpoint.Step.AT_GATE ? at : null);
    news.tell(new ProgressEvent.StagePassed(state.now(), ReleaseState.SYSTEM, stage.name()));
  }

  private void requireNoStop() {
    ReleaseStop.ifBegun(state);
  }

  private ReleaseResult promote(Stage last) {
    calendar.beforeChange("promotion", last);
    requireNoStop();
    state.phase(Phase.PROMOTING);
    steps.promote(target);
    state.weight(100);
    PromoteRequest full = state.fullPromotion();
    String bake =
        policy.bake() == null ? "" : "the bake of " + DurationText.format(policy.bake().duration());
    return end.finish(
        target.releaseId(),
        ReleaseOutcome.PROMOTED,
        null,
        full != null
            ? "promoted in full by " + full.actor() + ": " + full.reason()
            : request.strategy() == Strategy.ROLLBACK
                ? "rolled back to " + request.version() + " and held through " + bake
                : "all "
                    + policy.stages().size()
                    + " stages passed"
                    + (bake.isEmpty() ? "" : ", then " + bake));
  }

  private void restoreStable() {
    steps.rollback(target, policy.rollbackTimeout());
  }

  private StuckWatch stuck() {
    return new StuckWatch(state, news::tell, policy.pageAfter());
  }

  private ReleaseResult rollBack(Saga saga) {
    return end.rollBack(saga, target.releaseId(), policy.rollbackTimeout(), stuck());
  }
}
