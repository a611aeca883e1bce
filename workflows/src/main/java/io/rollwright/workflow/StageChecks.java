package io.rollwright.workflow;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.Stage;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The checks a stage runs before its traffic change ({@code stages[].before}): all passing, the
 * stage goes on; one failing, the release rolls back with the check's name and finding; one
 * inconclusive (nobody answered), the release pauses, and once resumed the checks are asked again.
 * The checks asked during its soak ({@code stages[].during}, {@code bake.during}) run beside it, at
 * once and then every minute (or analysis interval, if longer) until it ends: one failing rolls
 * back as a breach does, one inconclusive pauses the release (its next traffic change waits). A
 * {@code confirm} check that has no yes yet holds the stage instead: told once, asked again every
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
      if (first(results, r -> !r.passed() && confirming(r)) == null) {
        audit("before", stage, results);
      }
      if (rolledBack(results, "before", stage)) {
        ReleaseStop.ifBegun(state);
      }
      PreflightResult undecided = first(results, r -> !r.passed() && !confirming(r));
      PreflightResult unconfirmed = first(results, r -> !r.passed() && confirming(r));
      if (undecided != null) {
        pause("before", stage, undecided);
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

  /**
   * Starts asking {@code stage}'s {@code during} checks beside its soak; null when it has none.
   * Cancel the scope returned when the soak ends.
   */
  CancellationScope during(ResolvedRelease release, Stage stage) {
    if (stage.during().isEmpty()) {
      return null;
    }
    CancellationScope asking =
        Workflow.newCancellationScope(() -> Async.procedure(() -> askDuring(release, stage)));
    asking.run();
    return asking;
  }

  private void askDuring(ResolvedRelease release, Stage stage) {
    try {
      boolean first = true;
      while (state.stop() == null) {
        List<PreflightResult> results;
        try {
          results = steps.soakChecks(release, stage, stage.during());
        } catch (ActivityFailure e) {
          results =
              List.of(
                  PreflightResult.undecided("checks", "could not run: " + Failures.describe(e)));
        }
        if (first) {
          audit("during", stage, results);
          first = false;
        }
        if (rolledBack(results, "during", stage)) {
          return;
        }
        PreflightResult undecided = first(results, r -> !r.passed());
        if (undecided != null && !state.paused()) {
          pause("during", stage, undecided);
        }
        Workflow.sleep(askAgain);
      }
    } catch (CanceledFailure soakEnded) {
      // the soak is over: nothing more to ask
    }
  }

  /** Keeps what the checks found in the audit (not told: a failure or a pause is told as such). */
  private void audit(String when, Stage stage, List<PreflightResult> results) {
    state.record(
        new ProgressEvent.Checked(
            state.now(),
            ReleaseState.SYSTEM,
            when + " stage " + stage.name(),
            results.stream()
                .map(r -> r.check() + ": " + r.detail())
                .collect(Collectors.joining("; "))));
  }

  /** Begins the rollback when a check failed for certain; says whether it did. */
  private boolean rolledBack(List<PreflightResult> results, String when, Stage stage) {
    PreflightResult failed = first(results, PreflightResult::failed);
    if (failed != null && state.stop() == null) {
      state.beginRollback(
          state.baking() ? RollbackReason.BAKE : RollbackReason.ANALYSIS,
          finding(when, stage, failed));
    }
    return failed != null;
  }

  private void pause(String when, Stage stage, PreflightResult undecided) {
    state.pauseBySystem("INCONCLUSIVE " + finding(when, stage, undecided));
    ControlEvent.Paused paused =
        new ControlEvent.Paused(state.now(), ReleaseState.SYSTEM, state.pausedBecause());
    state.record(paused);
    tell.accept(paused);
  }

  private static boolean confirming(PreflightResult r) {
    return PreflightSettings.CONFIRM.equals(r.check());
  }

  private static PreflightResult first(
      List<PreflightResult> results, Predicate<PreflightResult> which) {
    return results.stream().filter(which).findFirst().orElse(null);
  }

  private static String finding(String when, Stage stage, PreflightResult r) {
    return when + " stage " + stage.name() + ": " + r.check() + ": " + r.detail();
  }
}
