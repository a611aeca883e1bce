package io.rollwright.workflow;

import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseEvent.Kind;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.RollbackReason;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.DurationText;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a release ends: straight to stable for a direct release, the rollback by compensation, which
 * nothing may cancel, and the outcome, recorded and told.
 */
final class ReleaseEnd {
  private final ReleaseState state;
  private final ReleaseNews news;

  ReleaseEnd(ReleaseState state, ReleaseNews news) {
    this.state = state;
    this.news = news;
  }

  /**
   * A direct (break-glass) release: audited and alerted, then stable runs the new version at once.
   * A promotion that does not complete ends FAILED: nothing is left to roll back to automatically.
   */
  ReleaseResult direct(ReleaseRequest request, TrafficTarget target, ReleaseSteps steps) {
    state.record(
        request.requestedBy(),
        "break-glass",
        "direct release, skipping stages and analysis: " + request.reason());
    news.tell(
        Kind.ALERT,
        "break-glass: "
            + request.requestedBy()
            + " releases "
            + request.version()
            + " directly: "
            + request.reason());
    state.phase(Phase.PROMOTING);
    try {
      steps.promote(target);
    } catch (ActivityFailure e) {
      news.tell(
          Kind.ALERT,
          "direct release did not complete; a human must check "
              + target.service()
              + ": "
              + Failures.describe(e));
      return finish(
          target.releaseId(),
          ReleaseOutcome.FAILED,
          RollbackReason.ERROR,
          "direct release did not complete: " + Failures.describe(e));
    }
    state.weight(100);
    return finish(
        target.releaseId(),
        ReleaseOutcome.PROMOTED,
        null,
        "direct (break-glass): " + request.reason());
  }

  /**
   * Undoes what {@code saga} did, in a scope no cancellation reaches: ROLLED_BACK when it completes
   * within {@code rollbackTimeout}, else FAILED with an alert that a human must restore stable.
   */
  ReleaseResult rollBack(Saga saga, String releaseId, Duration rollbackTimeout) {
    ReleaseState.Stop stop = state.stop();
    AtomicReference<ReleaseResult> result = new AtomicReference<>();
    Workflow.newDetachedCancellationScope(
            () -> {
              long began = Workflow.currentTimeMillis();
              if (stop.reason() == RollbackReason.ANALYSIS) {
                news.tell(Kind.ALERT, stop.detail());
              }
              state.phase(Phase.ROLLING_BACK);
              state.record(
                  ReleaseState.SYSTEM,
                  "rolling back",
                  stop.reason().name().toLowerCase(Locale.ROOT) + ": " + stop.detail());
              news.tell(Kind.ROLLING_BACK, stop.detail());
              try {
                saga.compensate();
                state.weight(0);
                result.set(
                    finish(releaseId, ReleaseOutcome.ROLLED_BACK, stop.reason(), stop.detail()));
              } catch (RuntimeException e) {
                String why =
                    "rollback did not complete within its rollbackTimeout of "
                        + DurationText.format(rollbackTimeout)
                        + " (retried for "
                        + DurationText.format(
                            Duration.ofMillis(Workflow.currentTimeMillis() - began)
                                .truncatedTo(ChronoUnit.SECONDS))
                        + "): "
                        + Failures.describe(e);
                news.tell(
                    Kind.ALERT,
                    "ROLLBACK FAILED for "
                        + releaseId
                        + " — a human must restore stable traffic. "
                        + why);
                result.set(
                    finish(
                        releaseId,
                        ReleaseOutcome.FAILED,
                        stop.reason(),
                        stop.detail() + "; " + why));
              }
            })
        .run();
    return result.get();
  }

  /** Ends the release with {@code outcome}: recorded in the status and the audit, and told. */
  ReleaseResult finish(
      String releaseId, ReleaseOutcome outcome, RollbackReason reason, String detail) {
    ReleaseResult result =
        new ReleaseResult(
            releaseId, outcome, reason, detail, Workflow.currentTimeMillis() - state.startedAt());
    state.finish(result);
    state.record(ReleaseState.SYSTEM, outcome.name().toLowerCase(Locale.ROOT), detail);
    news.tell(Kind.FINISHED, outcome.name() + ": " + detail);
    return result;
  }
}
