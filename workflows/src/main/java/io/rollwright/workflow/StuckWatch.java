package io.rollwright.workflow;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ProgressEvent.Stuckness;
import io.rollwright.policy.PageAfter;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pages on-call when a release is stuck: a timer beside a pause or a rollback that, when the wait
 * outlasts the policy's {@link PageAfter} bound, records and tells one {@link ProgressEvent.Stuck}
 * (notifiers page on it). The wait itself is untouched. Releases started before paging existed, or
 * whose policy predates {@code pageAfter}, wait without the timer, so their histories replay.
 */
final class StuckWatch {
  private final ReleaseState state;
  private final Consumer<AuditEntry> tell;
  private final PageAfter bounds;

  StuckWatch(ReleaseState state, Consumer<AuditEntry> tell, PageAfter bounds) {
    this.state = state;
    this.tell = tell;
    this.bounds = bounds;
  }

  /** Runs {@code hold}, a wait while the release is paused. */
  void whilePaused(Runnable hold) {
    during(Stuckness.PAUSED, bounds == null ? null : bounds.paused(), hold);
  }

  /** Runs {@code rollback}, the compensation of the release's traffic changes. */
  void whileRollingBack(Runnable rollback) {
    during(Stuckness.ROLLING_BACK, bounds == null ? null : bounds.rollingBack(), rollback);
  }

  private void during(Stuckness how, Duration bound, Runnable wait) {
    if (bound == null
        || Workflow.getVersion("page-when-stuck", Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      wait.run();
      return;
    }
    long began = Workflow.currentTimeMillis();
    List<Promise<Void>> paging = new ArrayList<>(1);
    CancellationScope timer =
        Workflow.newCancellationScope(
            () ->
                paging.add(
                    Async.procedure(
                        () -> {
                          Workflow.sleep(bound);
                          ProgressEvent.Stuck stuck =
                              new ProgressEvent.Stuck(
                                  state.now(),
                                  ReleaseState.SYSTEM,
                                  how,
                                  Workflow.currentTimeMillis() - began,
                                  how == Stuckness.PAUSED ? state.pausedBecause() : stopped());
                          state.record(stuck);
                          tell.accept(stuck);
                        })));
    timer.run();
    try {
      wait.run();
    } finally {
      timer.cancel();
      // the timer ends cancelled when the wait is over first: expected, not worth a warning
      paging.forEach(p -> p.exceptionally(cancelled -> null));
    }
  }

  private String stopped() {
    return state.stop() == null ? null : state.stop().detail();
  }
}
