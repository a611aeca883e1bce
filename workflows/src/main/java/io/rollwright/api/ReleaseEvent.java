package io.rollwright.api;

/** Something worth telling people about a release. */
public record ReleaseEvent(String releaseId, Kind kind, String stage, double weight, String message) {
  /** The events notifiers hear; there is none per analysis interval. */
  public enum Kind {
    STARTED,
    BLOCKED,
    STAGE_STARTED,
    STAGE_PASSED,
    APPROVAL_REQUESTED,
    APPROVAL_CLOSED,
    PAUSED,
    RESUMED,
    ROLLING_BACK,
    FINISHED,
    ALERT
  }
}
