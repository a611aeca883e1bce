package io.rollwright.workflow;

import io.rollwright.api.Phase;
import io.rollwright.api.ProgressEvent;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * How a release ends: straight to stable for a direct release, the rollback by compensation, which
 * nothing may cancel, and the outcome, recorded and told.
 */
final class ReleaseEnd {
  private final ReleaseState state;
  private final ReleaseNews news;
  private final LedgerWrite ledger;
  private final Supplier<String> rollbackFrom;

  ReleaseEnd(ReleaseState state, ReleaseNews news, Supplier<String> rollbackFrom) {
    this.state = state;
    this.news = news;
    this.ledger = new LedgerWrite(state, news::tell);
    this.rollbackFrom = rollbackFrom;
  }

  /**
   * A direct (break-glass) release: audited and alerted, then stable runs the new version at once.
   * A promotion that does not complete ends FAILED: nothing is left to roll back to automatically.
   */
  ReleaseResult direct(ReleaseRequest request, TrafficTarget target, ReleaseSteps steps) {
    ProgressEvent.BreakGlass direct =
        new ProgressEvent.BreakGlass(
            state.now(), request.requestedBy(), request.version(), request.reason());
    state.record(direct);
    news.tell(direct);
    state.phase(Phase.PROMOTING);
    try {
      steps.promote(target);
    } catch (ActivityFailure e) {
      alert(
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
   * {@code stuck} pages on-call if it takes longer than the policy allows.
   */
  ReleaseResult rollBack(Saga saga, String releaseId, Duration rollbackTimeout, StuckWatch stuck) {
    ReleaseState.Stop stop = state.stop();
    AtomicReference<ReleaseResult> result = new AtomicReference<>();
    Workflow.newDetachedCancellationScope(
            () -> {
              long began = Workflow.currentTimeMillis();
              if (stop.reason() == RollbackReason.ANALYSIS
                  || stop.reason() == RollbackReason.BAKE) {
                alert(stop.detail());
              }
              state.phase(Phase.ROLLING_BACK);
              ProgressEvent.RollingBack rollingBack =
                  new ProgressEvent.RollingBack(
                      state.now(), ReleaseState.SYSTEM, stop.reason(), stop.detail());
              state.record(rollingBack);
              news.tell(rollingBack);
              try {
                stuck.whileRollingBack(saga::compensate);
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
                alert(
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

  /**
   * Ends the release with {@code outcome}: recorded in the status, the audit and the ledger, and
   * told.
   */
  ReleaseResult finish(
      String releaseId, ReleaseOutcome outcome, RollbackReason reason, String detail) {
    ReleaseResult result =
        new ReleaseResult(
            releaseId, outcome, reason, detail, Workflow.currentTimeMillis() - state.startedAt());
    state.finish(result);
    ProgressEvent.Finished finished =
        new ProgressEvent.Finished(state.now(), ReleaseState.SYSTEM, outcome, detail);
    state.record(finished);
    news.tell(finished);
    ledger.write(result, rollbackFrom.get());
    return result;
  }

  private void alert(String text) {
    news.tell(new ProgressEvent.Alert(state.now(), ReleaseState.SYSTEM, text));
  }
}
