package io.rollwright.api;

import java.util.List;

/**
 * What the release ledger keeps of one ended release run, long after Temporal's retention: the
 * request (who, what, where, which type; a rollback's kind and the version it replaced), the change
 * shipped and when it was committed, how it ended and why, when it began and ended (epoch
 * milliseconds), and every decision of its timeline with actor and time.
 */
public record LedgerEntry(
    String releaseId,
    String runId,
    String service,
    String environment,
    String version,
    String type,
    String kind,
    String rollbackFrom,
    String requestedBy,
    String changeRef,
    Long changeCommittedAtMillis,
    ReleaseOutcome outcome,
    String detail,
    long startedAtMillis,
    long endedAtMillis,
    List<AuditEntry> decisions) {
  public LedgerEntry {
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
  }
}
