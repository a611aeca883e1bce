package io.rollwright.workflow;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseEvent;
import io.rollwright.api.ReleaseEvent.Kind;
import io.rollwright.api.ReleaseMemo;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseStatus;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Tells the notifiers what happened, with where the release stands, and publishes the same to the
 * Web UI first. Keeps the thread the first notifier to answer gave, so every later message joins
 * the release's conversation (carried when the release continues as new). A release a train started
 * joins the train's conversation instead, which its memo names ({@link ReleaseMemo#TRAIN_THREAD}).
 */
final class ReleaseNews {
  private final ReleaseState state;
  private final ReleaseVisibility visibility;
  private final ReleaseSteps steps;
  private final String train;
  private String thread;

  ReleaseNews(ReleaseState state, ReleaseVisibility visibility, ReleaseSteps steps) {
    this.state = state;
    this.visibility = visibility;
    this.steps = steps;
    String trainThread = Workflow.getMemo(ReleaseMemo.TRAIN_THREAD, String.class, String.class);
    this.train =
        trainThread == null
            ? null
            : Workflow.getMemo(ReleaseMemo.TRAIN, String.class, String.class);
    this.thread = train == null ? null : trainThread;
  }

  /** The thread a run before this one kept. */
  void carried(String kept) {
    thread = train == null ? kept : thread;
  }

  /** The release's conversation, or null until a notifier has answered with one. */
  String thread() {
    return thread;
  }

  /** The release has started: what goes where, how, and by which policy. */
  void started(ReleaseRequest request, String policy, String policySource) {
    tell(
        new ProgressEvent.Started(
            state.now(),
            request.requestedBy(),
            request.service(),
            request.version(),
            request.environment(),
            AuditEntry.lower(request.strategy()),
            policy,
            policySource));
  }

  /** Tells the notifiers {@code event}, with where the release stands now. */
  void tell(AuditEntry event) {
    ReleaseStatus now = state.snapshot();
    visibility.publish(state.processSnapshot(), event);
    String kept =
        steps.tell(
            new ReleaseEvent(
                now.releaseId(),
                Workflow.getInfo().getFirstExecutionRunId(),
                now.service(),
                now.environment(),
                event,
                now.stage(),
                now.weight(),
                now.result() == null ? null : now.result().outcome(),
                now.result() == null ? null : now.result().rollbackReason(),
                Workflow.currentTimeMillis() - state.startedAt(),
                event.kind() == Kind.ANALYSED ? now.verdicts() : List.of(),
                thread,
                train));
    thread = thread != null ? thread : kept;
  }
}
