package io.rollwright.workflow;

import io.rollwright.api.LedgerActivities;
import io.rollwright.api.LedgerEntry;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseMemo;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.policy.Strategy;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The ended release's record, written to the ledger. The ledger never holds a release up for long:
 * the write is retried for about a minute, and if the ledger is still down the release ends anyway,
 * the gap told as an alert (and in the audit) so that it can be filled.
 */
final class LedgerWrite {
  static final int ATTEMPTS = 6;

  private final LedgerActivities ledger =
      Workflow.newActivityStub(
          LedgerActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(20))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setBackoffCoefficient(2)
                      .setMaximumInterval(Duration.ofSeconds(15))
                      .setMaximumAttempts(ATTEMPTS)
                      .build())
              .build());
  private final ReleaseState state;
  private final Consumer<ProgressEvent> tell;

  LedgerWrite(ReleaseState state, Consumer<ProgressEvent> tell) {
    this.state = state;
    this.tell = tell;
  }

  /** Writes the record of the release that ended with {@code result}. */
  void write(ReleaseResult result, String rollbackFrom) {
    if (Workflow.getVersion("release-ledger", Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    ReleaseRequest r = state.request;
    String changeRef = Workflow.getMemo(ReleaseMemo.CHANGE_REF, String.class, String.class);
    Long committed = Workflow.getMemo(ReleaseMemo.CHANGE_COMMITTED_AT, Long.class, Long.class);
    LedgerEntry entry =
        new LedgerEntry(
            result.releaseId() != null ? result.releaseId() : Workflow.getInfo().getWorkflowId(),
            Workflow.getInfo().getRunId(),
            r.service(),
            r.environment(),
            r.version(),
            r.type(),
            r.strategy() == Strategy.ROLLBACK ? "rollback" : null,
            rollbackFrom,
            r.requestedBy(),
            changeRef,
            committed,
            result.outcome(),
            result.detail(),
            state.startedAt(),
            Workflow.currentTimeMillis(),
            state.snapshot().audit());
    try {
      ledger.record(entry);
    } catch (ActivityFailure e) {
      ProgressEvent.Alert gap =
          new ProgressEvent.Alert(
              state.now(),
              ReleaseState.SYSTEM,
              "the release ledger did not take the record of "
                  + entry.releaseId()
                  + " (run "
                  + entry.runId()
                  + ") after "
                  + ATTEMPTS
                  + " attempts, a gap in the ledger until it is written again: "
                  + Failures.describe(e));
      state.record(gap);
      tell.accept(gap);
    }
  }
}
