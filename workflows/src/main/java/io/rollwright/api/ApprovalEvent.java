package io.rollwright.api;

import io.rollwright.api.ReleaseEvent.Kind;
import io.rollwright.policy.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An approval gate (a stage's, or a break-glass confirmation): asked, progressing, closed. */
public sealed interface ApprovalEvent extends AuditEntry {

  /**
   * The gate ({@code "stage canary"}, {@code "break-glass …"}) needs {@code required} approvals
   * from {@code from}, and one from each group of {@code fromEach}, within {@code timeoutMillis},
   * that is by {@code deadlineMillis}.
   */
  record Requested(
      long atMillis,
      String actor,
      String gate,
      int required,
      List<String> from,
      long timeoutMillis,
      long deadlineMillis,
      List<String> fromEach)
      implements ApprovalEvent {
    public Requested {
      from = from == null ? List.of() : List.copyOf(from);
      fromEach = fromEach == null ? List.of() : List.copyOf(fromEach);
    }

    @Override
    public String action() {
      return "approval requested";
    }

    @Override
    public String detail() {
      return gate
          + ": "
          + required
          + " approval(s) needed from "
          + String.join(", ", from)
          + (fromEach.isEmpty() ? "" : ", at least 1 from each of " + String.join(", ", fromEach))
          + " within "
          + DurationText.format(Duration.ofMillis(timeoutMillis))
          + " (by "
          + Instant.ofEpochMilli(deadlineMillis)
          + ")";
    }

    @Override
    public Kind kind() {
      return Kind.APPROVAL_REQUESTED;
    }
  }

  /**
   * An approval came that is short of the gate's quorum; {@code missing} says what the quorum still
   * lacks ("needs 1 from sre-oncall"), when the gate has groups that each need an approver.
   */
  record Progress(
      long atMillis,
      String actor,
      String gate,
      List<String> approvedBy,
      int required,
      String missing)
      implements ApprovalEvent {
    public Progress {
      approvedBy = approvedBy == null ? List.of() : List.copyOf(approvedBy);
    }

    @Override
    public String action() {
      return "approval progress";
    }

    @Override
    public String detail() {
      return "approved so far by "
          + String.join(", ", approvedBy)
          + " ("
          + approvedBy.size()
          + " of "
          + required
          + (missing == null ? "" : "; " + missing)
          + ")";
    }

    @Override
    public Kind kind() {
      return Kind.APPROVAL_PROGRESS;
    }
  }

  /** The gate has closed: approved, rejected, skipped, timed out or closed by a rollback. */
  record Closed(long atMillis, String actor, String gate, String how) implements ApprovalEvent {
    public Closed {
      how = AuditEntry.text(how);
    }

    @Override
    public String action() {
      return "approval closed";
    }

    @Override
    public String detail() {
      return how;
    }

    @Override
    public Kind kind() {
      return Kind.APPROVAL_CLOSED;
    }
  }

  /** The gate timed out and its {@code onTimeout} is approve: the release goes on. */
  record OnTimeout(long atMillis, String actor, String reason) implements ApprovalEvent {
    @Override
    public String action() {
      return "approved on timeout";
    }

    @Override
    public String detail() {
      return reason + "; the gate's onTimeout is approve";
    }
  }
}
