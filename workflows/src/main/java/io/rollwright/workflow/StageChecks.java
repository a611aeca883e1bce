package io.rollwright.workflow;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.Stage;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The checks a stage runs before its traffic change ({@code stages[].before}): all passing, the
 * stage goes on; one failing, the release rolls back with the check's name and finding; one
 * inconclusive (nobody answered), the release pauses, and once resumed the checks are asked again.
 * A {@code confirm} check that has no yes yet holds the stage instead: told once, asked again every
 * minute (or analysis interval, if longer) with the canary at its weight and still watched, until
 * it says yes, the release is paused (it then waits for a resume and asks again) or it ends.
 * Releases started before stages had checks skip them, so their histories replay.
 */
final class StageChecks {
  private static final Duration MIN_ASK_AGAIN = Duration.ofMinutes(1);

  private final ReleaseSteps steps;
  private final ReleaseState state;
  private final CanaryWatch canary;
  private final Consumer<AuditEntry> tell;
  private final Duration askAgain;

  /** {@code interval}: the policy's analysis interval. */
  StageChecks(
      ReleaseSteps steps,
      ReleaseState state,
      CanaryWatch canary,
      Consumer<AuditEntry> tell,
      Duration interval) {
    this.steps = steps;
    this.state = state;
    this.canary = canary;
    this.tell = tell;
    this.askAgain = interval.compareTo(MIN_ASK_AGAIN) > 0 ? interval : MIN_ASK_AGAIN;
  }

  /** Runs {@code stage}'s checks; {@code previous} is the stage the canary is still at. */
  void before(ResolvedRelease release, Stage stage, Stage previous) {
    if (stage.before().isEmpty()
        || Workflow.getVersion("stage-checks", Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return;
    }
    boolean awaited = false;
    while (true) {
      List<PreflightResult> results = steps.stageChecks(release, stage, stage.before());
      PreflightResult failed = first(results, PreflightResult::failed);
      if (failed != null) {
        state.beginRollback(RollbackReason.ANALYSIS, finding(stage, failed));
        ReleaseStop.ifBegun(state);
      }
      PreflightResult undecided = first(results, r -> !r.passed() && !confirming(r));
      PreflightResult unconfirmed = first(results, r -> !r.passed() && confirming(r));
      if (undecided != null) {
        state.pauseBySystem("INCONCLUSIVE " + finding(stage, undecided));
        ControlEvent.Paused paused =
            new ControlEvent.Paused(state.now(), ReleaseState.SYSTEM, state.pausedBecause());
        state.record(paused);
        tell.accept(paused);
        canary.holdWhilePaused(previous);
        ReleaseStop.ifBegun(state);
      } else if (unconfirmed != null) {
        if (!awaited) {
          ProgressEvent.AwaitingConfirmation waiting =
              new ProgressEvent.AwaitingConfirmation(
                  state.now(), ReleaseState.SYSTEM, stage.name(), unconfirmed.detail());
          state.record(waiting);
          tell.accept(waiting);
          awaited = true;
        }
        Promise<Void> next = Workflow.newTimer(askAgain);
        canary.hold(previous, () -> next.isCompleted() || state.fullPromotion() != null);
        if (state.fullPromotion() != null) {
          return;
        }
        canary.holdWhilePaused(previous);
      } else if (awaited && state.paused()) {
        canary.holdWhilePaused(previous);
        ReleaseStop.ifBegun(state);
      } else {
        return;
      }
    }
  }

  private static boolean confirming(PreflightResult r) {
    return PreflightSettings.CONFIRM.equals(r.check());
  }

  private static PreflightResult first(
      List<PreflightResult> results, Predicate<PreflightResult> which) {
    return results.stream().filter(which).findFirst().orElse(null);
  }

  private static String finding(Stage stage, PreflightResult r) {
    return "before stage " + stage.name() + ": " + r.check() + ": " + r.detail();
  }
}
