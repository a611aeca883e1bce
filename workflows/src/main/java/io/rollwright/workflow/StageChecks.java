package io.rollwright.workflow;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.Stage;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.function.Consumer;

/**
 * The checks a stage runs before its traffic change ({@code stages[].before}): all passing, the
 * stage goes on; one failing, the release rolls back with the check's name and finding; one
 * inconclusive (nobody answered), the release pauses, and once resumed the checks are asked again.
 * Releases started before stages had checks skip them, so their histories replay.
 */
final class StageChecks {
  private final ReleaseSteps steps;
  private final ReleaseState state;
  private final CanaryWatch canary;
  private final Consumer<AuditEntry> tell;

  StageChecks(
      ReleaseSteps steps, ReleaseState state, CanaryWatch canary, Consumer<AuditEntry> tell) {
    this.steps = steps;
    this.state = state;
    this.canary = canary;
    this.tell = tell;
  }

  /** Runs {@code stage}'s checks; {@code previous} is the stage the canary is still at. */
  void before(ResolvedRelease release, Stage stage, Stage previous) {
    if (stage.before().isEmpty()
        || Workflow.getVersion("stage-checks", Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return;
    }
    while (true) {
      List<PreflightResult> results = steps.stageChecks(release, stage, stage.before());
      PreflightResult failed = first(results, true);
      if (failed != null) {
        state.beginRollback(RollbackReason.ANALYSIS, finding(stage, failed));
        ReleaseStop.ifBegun(state);
      }
      PreflightResult undecided = first(results, false);
      if (undecided == null) {
        return;
      }
      state.pauseBySystem("INCONCLUSIVE " + finding(stage, undecided));
      ControlEvent.Paused paused =
          new ControlEvent.Paused(state.now(), ReleaseState.SYSTEM, state.pausedBecause());
      state.record(paused);
      tell.accept(paused);
      canary.holdWhilePaused(previous);
      ReleaseStop.ifBegun(state);
    }
  }

  private static PreflightResult first(List<PreflightResult> results, boolean failed) {
    return results.stream().filter(r -> failed ? r.failed() : !r.passed()).findFirst().orElse(null);
  }

  private static String finding(Stage stage, PreflightResult r) {
    return "before stage " + stage.name() + ": " + r.check() + ": " + r.detail();
  }
}
