package io.rollwright.client;

import java.time.Duration;
import java.time.Instant;

/**
 * One release as Temporal visibility keeps it: who, what, where, when it started and ended, and how
 * it ended ({@code PROMOTED}, {@code ROLLED_BACK}, {@code BLOCKED}, {@code FAILED}; its phase while
 * it runs; or how Temporal closed it otherwise, e.g. {@code INVALID} for a refused request). {@code
 * changeCommittedAt} is when the change it ships was committed, when the starter was told. {@code
 * kind} is {@code rollback} for a rollback, which replaced {@code rollbackFrom}; null otherwise.
 */
public record ReleaseRecord(
    String releaseId,
    String runId,
    String service,
    String version,
    String environment,
    String requestedBy,
    String outcome,
    Instant startedAt,
    Instant closedAt,
    String changeRef,
    Instant changeCommittedAt,
    String kind,
    String rollbackFrom,
    String type) {

  /** A rollback release ({@code rollwright rollback}), not a change of its own. */
  public boolean rollback() {
    return "rollback".equals(kind);
  }

  /** Ended, whatever the way. */
  public boolean ended() {
    return closedAt != null;
  }

  public boolean promoted() {
    return "PROMOTED".equals(outcome);
  }

  /** Rolled back or failed: the change did not hold. */
  public boolean failedChange() {
    return "ROLLED_BACK".equals(outcome) || "FAILED".equals(outcome);
  }

  /** How long it ran (so far, when it still runs, up to {@code now}). */
  public Duration duration(Instant now) {
    return Duration.between(startedAt, closedAt != null ? closedAt : now);
  }
}
