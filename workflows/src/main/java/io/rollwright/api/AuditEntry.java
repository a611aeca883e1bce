package io.rollwright.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.rollwright.api.ReleaseEvent.Kind;
import java.util.Locale;

/**
 * One typed event of a release's timeline: when it happened, who did it ({@link #SYSTEM} for
 * Rollwright itself) and what it was, as a record of its own kind ({@link ProgressEvent}, {@link
 * ControlEvent}, {@link ApprovalEvent}, {@link AnalysisEvent}, {@link CalendarEvent}, or the
 * timeline's own bookkeeping below). Each kind describes itself once, as {@link #action()} and
 * {@link #detail()}; the audit, {@code status}, the progress text and the notifiers all render from
 * these. On the wire a {@code type} property names the kind; an entry without one was written
 * before events were typed and reads as {@link Noted}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = AuditEntry.Noted.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = ProgressEvent.Started.class, name = "started"),
  @JsonSubTypes.Type(value = ProgressEvent.Blocked.class, name = "blocked"),
  @JsonSubTypes.Type(value = ProgressEvent.StageStarted.class, name = "stage-started"),
  @JsonSubTypes.Type(value = ProgressEvent.StagePassed.class, name = "stage-passed"),
  @JsonSubTypes.Type(value = ProgressEvent.BreakGlassAsked.class, name = "break-glass-asked"),
  @JsonSubTypes.Type(value = ProgressEvent.BreakGlass.class, name = "break-glass"),
  @JsonSubTypes.Type(value = ProgressEvent.Undoing.class, name = "rollback"),
  @JsonSubTypes.Type(value = ProgressEvent.Checked.class, name = "checked"),
  @JsonSubTypes.Type(value = ProgressEvent.Alert.class, name = "alert"),
  @JsonSubTypes.Type(value = ProgressEvent.Stuck.class, name = "stuck"),
  @JsonSubTypes.Type(
      value = ProgressEvent.AwaitingConfirmation.class,
      name = "awaiting-confirmation"),
  @JsonSubTypes.Type(value = ProgressEvent.RollingBack.class, name = "rolling-back"),
  @JsonSubTypes.Type(value = ProgressEvent.Finished.class, name = "finished"),
  @JsonSubTypes.Type(value = ControlEvent.Refused.class, name = "refused"),
  @JsonSubTypes.Type(value = ControlEvent.NotAnApprover.class, name = "not-an-approver"),
  @JsonSubTypes.Type(value = ControlEvent.Paused.class, name = "paused"),
  @JsonSubTypes.Type(value = ControlEvent.Resumed.class, name = "resumed"),
  @JsonSubTypes.Type(value = ControlEvent.Aborted.class, name = "aborted"),
  @JsonSubTypes.Type(value = ControlEvent.Promoted.class, name = "promoted"),
  @JsonSubTypes.Type(value = ControlEvent.Decided.class, name = "decided"),
  @JsonSubTypes.Type(value = ApprovalEvent.Requested.class, name = "approval-requested"),
  @JsonSubTypes.Type(value = ApprovalEvent.Progress.class, name = "approval-progress"),
  @JsonSubTypes.Type(value = ApprovalEvent.Closed.class, name = "approval-closed"),
  @JsonSubTypes.Type(value = ApprovalEvent.OnTimeout.class, name = "approved-on-timeout"),
  @JsonSubTypes.Type(value = AnalysisEvent.Analysed.class, name = "analysed"),
  @JsonSubTypes.Type(value = AnalysisEvent.Note.class, name = "analysis-note"),
  @JsonSubTypes.Type(value = AuditEntry.NotShown.class, name = "not-shown"),
  @JsonSubTypes.Type(value = AuditEntry.RefusalsCounted.class, name = "refusals-counted"),
  @JsonSubTypes.Type(value = CalendarEvent.Held.class, name = "held"),
  @JsonSubTypes.Type(value = CalendarEvent.HoldEnded.class, name = "hold-ended"),
  @JsonSubTypes.Type(value = AuditEntry.Noted.class, name = "noted")
})
public sealed interface AuditEntry
    permits ProgressEvent,
        ControlEvent,
        ApprovalEvent,
        AnalysisEvent,
        CalendarEvent,
        AuditEntry.Noted,
        AuditEntry.NotShown,
        AuditEntry.RefusalsCounted {

  /** The actor of what Rollwright does on its own account. */
  String SYSTEM = "rollwright";

  /** How long a text an entry keeps, at most ({@link #text}). */
  int TEXT_KEPT = 1000;

  /** When it happened, in epoch milliseconds of workflow time. */
  long atMillis();

  /** Who did it: the person or service account, or {@link #SYSTEM}. */
  String actor();

  /** What happened, in a few words ("stage canary started", "refused pause"). */
  String action();

  /** The sentence that says it in full, or null when {@link #action()} says everything. */
  String detail();

  /** What notifiers file it under; null for an entry they are not told. */
  default Kind kind() {
    return null;
  }

  /** The entry as one line: who (unless Rollwright), what, and the detail. */
  default String sentence() {
    return (SYSTEM.equals(actor()) ? "" : actor() + ": ")
        + action()
        + (detail() == null || detail().isBlank() ? "" : " — " + detail());
  }

  /** {@code text} cut to {@link #TEXT_KEPT} characters. */
  static String text(String text) {
    return ControlLimits.cut(text, TEXT_KEPT);
  }

  /** {@code name} lower-cased, as the audit shows enum values. */
  static String lower(Enum<?> name) {
    return name.name().toLowerCase(Locale.ROOT);
  }

  /** An entry written before events were typed: its words, as they were written. */
  record Noted(long atMillis, String actor, String action, String detail) implements AuditEntry {}

  /** Stands for {@code count} decisions the timeline no longer shows (their history has them). */
  record NotShown(long atMillis, String actor, long count) implements AuditEntry {
    @Override
    public String action() {
      return "entries not shown";
    }

    @Override
    public String detail() {
      return String.format(
          Locale.ROOT, "%,d decisions here are not shown; the release's history has them", count);
    }
  }

  /**
   * Counts the refusals beyond the {@link #KEPT} different ones the timeline keeps: they were only
   * counted.
   */
  record RefusalsCounted(long atMillis, String actor, long count) implements AuditEntry {
    /** How many different refusals a timeline keeps. */
    public static final int KEPT = 50;

    @Override
    public String action() {
      return "refusals counted";
    }

    @Override
    public String detail() {
      return String.format(
          Locale.ROOT,
          "more than %d different refusals; %,d further refusal(s) were only counted",
          KEPT,
          count);
    }
  }
}
