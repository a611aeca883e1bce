package io.rollwright.api;

import io.rollwright.analysis.CheckReading;
import java.util.List;

/**
 * Something worth telling people about a release: what happened (a typed {@link AuditEntry}, which
 * also says what notifiers file it under), with where the release stands (stage, weight, time since
 * it started), once it ended its outcome and rollback reason, and after a soak its analysis
 * readings; {@code thread} is where notifiers keep the release's conversation, which is the
 * conversation of the train that started it when {@code train} names one. {@code runId} tells this
 * release apart from earlier ones of the same service and environment.
 */
public record ReleaseEvent(
    String releaseId,
    String runId,
    String service,
    String environment,
    AuditEntry event,
    String stage,
    double weight,
    ReleaseOutcome outcome,
    RollbackReason rollbackReason,
    long elapsedMillis,
    List<CheckReading> verdicts,
    String thread,
    String train) {
  /** What notifiers file the event under. */
  public Kind kind() {
    return event.kind();
  }

  /** The event as one line. */
  public String message() {
    return event.sentence();
  }

  /**
   * Whether on-call must be paged: the release is stuck, or it ended FAILED (its rollback could not
   * finish, so a human must restore stable).
   */
  public boolean pagesOnCall() {
    return kind() == Kind.STUCK || (kind() == Kind.FINISHED && outcome == ReleaseOutcome.FAILED);
  }

  /**
   * Whether a page for this release, if any, is over: it resumed, or it ended other than FAILED.
   */
  public boolean endsPage() {
    return kind() == Kind.RESUMED || (kind() == Kind.FINISHED && outcome != ReleaseOutcome.FAILED);
  }

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
    ALERT,
    STUCK,
    AWAITING_CONFIRMATION,
    HELD,
    HOLD_ENDED
  }
}
