package io.rollwright.client;

import io.rollwright.api.LedgerEntry;
import io.rollwright.api.ReleaseMemo;
import io.rollwright.api.ReleaseQuery;
import io.rollwright.api.ReleaseSearchAttributes;
import io.rollwright.ledger.ReleaseLedger;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Releases from Temporal visibility (a list query over Rollwright's search attributes, read page by
 * page) and, when there is one, from the release ledger, which keeps ended releases past Temporal's
 * retention: the ledger's record of a run wins, visibility adds what the ledger has not (releases
 * still running, and any the ledger missed).
 */
public final class ReleaseHistory {
  /** Memo keys the starter writes at start. */
  public static final String CHANGE_REF = ReleaseMemo.CHANGE_REF;

  public static final String CHANGE_COMMITTED_AT = ReleaseMemo.CHANGE_COMMITTED_AT;

  private final WorkflowClient client;
  private final ReleaseLedger ledger;

  /** History from visibility alone. */
  public ReleaseHistory(WorkflowClient client) {
    this(client, null);
  }

  /** History from {@code ledger} (null: none) and visibility. */
  public ReleaseHistory(WorkflowClient client, ReleaseLedger ledger) {
    this.client = client;
    this.ledger = ledger;
  }

  /**
   * The visibility query for releases started since {@code since}, optionally of one service and/or
   * environment: the latest run of each (a release that continued as new is listed once).
   */
  public static String query(String service, String environment, Instant since) {
    return ReleaseQuery.releases(service, environment, since);
  }

  /**
   * The releases started since {@code since}, newest first. Every page is read (Temporal's SQL
   * visibility cannot sort), so the window, not a count, bounds the work.
   */
  public List<ReleaseRecord> list(String service, String environment, Instant since) {
    List<ReleaseRecord> records = new ArrayList<>();
    Set<String> kept = new HashSet<>();
    if (ledger != null) {
      for (LedgerEntry e : ledger.list(service, environment, since)) {
        records.add(record(e));
        kept.add(e.runId());
      }
    }
    try (Stream<WorkflowExecutionMetadata> executions =
        client.listExecutions(query(service, environment, since))) {
      executions
          .map(ReleaseHistory::record)
          .filter(r -> !kept.contains(r.runId()))
          .forEach(records::add);
    }
    records.sort(Comparator.comparing(ReleaseRecord::startedAt).reversed());
    return records;
  }

  static ReleaseRecord record(WorkflowExecutionMetadata w) {
    SearchAttributes attributes = w.getTypedSearchAttributes();
    WorkflowExecutionStatus status = w.getStatus();
    String outcome =
        switch (status) {
          case WORKFLOW_EXECUTION_STATUS_RUNNING, WORKFLOW_EXECUTION_STATUS_COMPLETED ->
              text(attributes, ReleaseSearchAttributes.STATUS);
          case WORKFLOW_EXECUTION_STATUS_FAILED -> "INVALID";
          default -> RecordedRelease.runStatus(status);
        };
    Long committed = w.getMemo(CHANGE_COMMITTED_AT, Long.class, Long.class);
    Long began = w.getMemo(ReleaseMemo.STARTED_AT, Long.class, Long.class);
    return new ReleaseRecord(
        w.getExecution().getWorkflowId(),
        w.getExecution().getRunId(),
        text(attributes, ReleaseSearchAttributes.SERVICE),
        text(attributes, ReleaseSearchAttributes.VERSION),
        text(attributes, ReleaseSearchAttributes.ENVIRONMENT),
        text(attributes, ReleaseSearchAttributes.REQUESTED_BY),
        outcome == null ? "UNKNOWN" : outcome.toUpperCase(Locale.ROOT),
        began == null ? w.getStartTime() : Instant.ofEpochMilli(began),
        w.getCloseTime(),
        w.getMemo(CHANGE_REF, String.class, String.class),
        committed == null ? null : Instant.ofEpochMilli(committed),
        w.getMemo(ReleaseMemo.KIND, String.class, String.class),
        w.getMemo(ReleaseMemo.ROLLBACK_FROM, String.class, String.class),
        text(attributes, ReleaseSearchAttributes.TYPE));
  }

  /** A release as the ledger keeps it. */
  public static ReleaseRecord record(LedgerEntry e) {
    return new ReleaseRecord(
        e.releaseId(),
        e.runId(),
        e.service(),
        e.version(),
        e.environment(),
        e.requestedBy(),
        e.outcome().name(),
        Instant.ofEpochMilli(e.startedAtMillis()),
        Instant.ofEpochMilli(e.endedAtMillis()),
        e.changeRef(),
        e.changeCommittedAtMillis() == null
            ? null
            : Instant.ofEpochMilli(e.changeCommittedAtMillis()),
        e.kind(),
        e.rollbackFrom(),
        e.type());
  }

  /** The keyword attribute {@code key}, or null when the release does not carry it. */
  static String text(SearchAttributes attributes, SearchAttributeKey<String> key) {
    return attributes.containsKey(key) ? attributes.get(key) : null;
  }

  /** The memo the starter writes: the change shipped and when it was committed, for lead time. */
  public static Map<String, Object> memo(String changeRef, Instant committedAt) {
    return ReleaseMemo.of(changeRef, committedAt == null ? null : committedAt.toEpochMilli());
  }
}
