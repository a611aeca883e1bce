package io.rollwright.api;

import io.rollwright.analysis.CheckReading;
import java.util.List;

/**
 * Something worth telling people about a release: what happened, with where the release stands
 * (stage, weight, time since it started), once it ended its outcome and rollback reason, and after
 * a soak its analysis readings; {@code thread} is where notifiers keep the release's conversation.
 * {@code runId} tells this release apart from earlier ones of the same service and environment.
 */
public record ReleaseEvent(
    String releaseId,
    String runId,
    String service,
    String environment,
    Kind kind,
    String stage,
    double weight,
    String message,
    ReleaseOutcome outcome,
    RollbackReason rollbackReason,
    long elapsedMillis,
    List<CheckReading> verdicts,
    String thread) {
  /** The events notifiers hear; there is none per analysis interval. */
  public enum Kind {
    STARTED,
    BLOCKED,
    STAGE_STARTED,
    STAGE_PASSED,
    ANALYSED,
    APPROVAL_REQUESTED,
    APPROVAL_PROGRESS,
    APPROVAL_CLOSED,
    PAUSED,
    RESUMED,
    ROLLING_BACK,
    FINISHED,
    ALERT
  }
}
