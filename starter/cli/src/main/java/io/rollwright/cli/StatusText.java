package io.rollwright.cli;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.LiveSoak;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.GateStatus;
import io.rollwright.api.LedgerEntry;
import io.rollwright.api.ProgressRenderer;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.client.RecordedRelease;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.Stage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A release's {@code status} as a short panel of text: where it is, its gate, its readings, its
 * latest events.
 */
final class StatusText {
  static final int EVENTS = 8;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private StatusText() {}

  static List<String> of(ReleaseStatus s) {
    List<String> lines = new ArrayList<>();
    lines.add(
        s.releaseId()
            + " — "
            + s.service()
            + " "
            + s.version()
            + " → "
            + s.environment()
            + " ("
            + s.strategy().name().toLowerCase(Locale.ROOT)
            + (s.policy() == null ? "" : ", policy " + s.policy())
            + "), requested by "
            + s.requestedBy());
    lines.add(
        "phase: "
            + s.phase()
            + (s.stage() == null
                ? ""
                : " · stage " + s.stageNumber() + " of " + s.stageCount() + " (" + s.stage() + ")")
            + " · canary "
            + Stage.weightText(s.weight())
            + (s.pausedBecause() == null ? "" : " · " + s.pausedBecause())
            + (s.heldBecause() == null ? "" : " · held: " + s.heldBecause()));
    GateStatus gate = s.gate();
    if (gate != null) {
      lines.add(
          "gate: "
              + gate.approvedBy().size()
              + " of "
              + gate.required()
              + " approvals"
              + (gate.approvedBy().isEmpty()
                  ? ""
                  : " (" + String.join(", ", gate.approvedBy()) + ")")
              + " from "
              + String.join(", ", gate.allowed())
              + (gate.missing() == null ? "" : " · " + gate.missing())
              + ", closes "
              + DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(gate.deadlineMillis())));
    }
    LiveSoak live = s.analysis();
    if (live != null) {
      lines.add(
          "analysis: "
              + (live.watch() ? "watching" : "soaking")
              + " "
              + live.stage()
              + " · "
              + live.samples()
              + " sample(s)"
              + " · next sample "
              + TIME.format(Instant.ofEpochMilli(live.nextSampleAtMillis()))
              + (live.watch()
                  ? ""
                  : " · soak ends " + TIME.format(Instant.ofEpochMilli(live.endsAtMillis())))
              + " UTC");
      for (LiveSoak.Check c : live.checks()) {
        lines.add("live: " + c.reading().reason() + " — " + c.reading().verdict() + window(c));
      }
    } else {
      for (CheckReading r : s.verdicts()) {
        lines.add("reading: " + r.reason() + " — " + r.verdict());
      }
    }
    if (s.result() != null) {
      lines.add(ProgressRenderer.outcome(s.result()));
    }
    List<AuditEntry> audit = s.audit();
    if (!audit.isEmpty()) {
      lines.add("latest events (UTC):");
      audit.subList(Math.max(0, audit.size() - EVENTS), audit.size()).stream()
          .map(StatusText::event)
          .forEach(lines::add);
    }
    return lines;
  }

  private static String event(AuditEntry e) {
    return "  "
        + TIME.format(Instant.ofEpochMilli(e.atMillis()))
        + "  "
        + e.actor()
        + "  "
        + e.action()
        + (e.detail() == null || e.detail().isBlank() ? "" : " — " + e.detail());
  }

  /**
   * An ended release Temporal no longer holds, as the release ledger kept it: what, who, how it
   * ended, and every decision of its timeline.
   */
  static List<String> archived(LedgerEntry e) {
    List<String> lines = new ArrayList<>();
    lines.add(
        e.releaseId()
            + " — "
            + e.service()
            + " "
            + e.version()
            + " → "
            + e.environment()
            + (e.type() == null ? "" : " [" + e.type() + "]")
            + (e.rollbackFrom() == null ? "" : " (rollback of " + e.rollbackFrom() + ")")
            + ", requested by "
            + e.requestedBy());
    lines.add("📒 ended: from the release ledger, which keeps what Temporal no longer holds");
    lines.add(
        "run: "
            + e.runId()
            + ", started "
            + TIME.format(Instant.ofEpochMilli(e.startedAtMillis()))
            + " UTC, ended "
            + TIME.format(Instant.ofEpochMilli(e.endedAtMillis()))
            + " UTC");
    if (e.changeRef() != null) {
      lines.add("change: " + e.changeRef());
    }
    lines.add(
        "outcome: "
            + e.outcome()
            + " after "
            + DurationText.format(
                Duration.ofMillis(Math.max(0, e.endedAtMillis() - e.startedAtMillis()))
                    .truncatedTo(ChronoUnit.SECONDS))
            + (e.detail() == null ? "" : " — " + e.detail()));
    if (!e.decisions().isEmpty()) {
      lines.add("decisions (UTC):");
      e.decisions().stream().map(StatusText::event).forEach(lines::add);
    }
    return lines;
  }

  /** Where a check is in its sustained window: breaching for how long of it. */
  private static String window(LiveSoak.Check c) {
    if (c.breachingSinceMillis() == null || c.sustainedMillis() <= 0) {
      return "";
    }
    long lasted = Math.max(0, c.reading().atMillis() - c.breachingSinceMillis());
    return " · breaching for "
        + DurationText.format(Duration.ofMillis(lasted).truncatedTo(ChronoUnit.SECONDS))
        + " of a "
        + DurationText.format(Duration.ofMillis(c.sustainedMillis()))
        + " sustained window";
  }

  /** What the server last recorded of a release no worker answered for, said to be not live. */
  static List<String> recorded(RecordedRelease r) {
    List<String> lines = new ArrayList<>();
    String what =
        r.summary() != null
            ? r.summary()
            : r.service() == null
                ? null
                : r.service() + " " + r.version() + " → " + r.environment();
    lines.add(
        r.releaseId()
            + (what == null ? "" : " — " + what)
            + (r.requestedBy() == null ? "" : ", requested by " + r.requestedBy()));
    lines.add("⚠️  not live: " + r.note());
    lines.add("recorded: " + r.where());
    lines.add(
        "run: "
            + r.run()
            + ", started "
            + TIME.format(r.startedAt())
            + " UTC"
            + (r.closedAt() == null ? "" : ", closed " + TIME.format(r.closedAt()) + " UTC"));
    if (r.changeRef() != null) {
      lines.add("change: " + r.changeRef());
    }
    for (String p : r.pending()) {
      lines.add("pending: " + p);
    }
    if (r.result() != null) {
      lines.add(ProgressRenderer.outcome(r.result()));
    }
    return lines;
  }
}
