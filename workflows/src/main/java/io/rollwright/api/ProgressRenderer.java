package io.rollwright.api;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.LiveSoak;
import io.rollwright.analysis.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns successive {@code status} answers of one release into the lines of its live progress:
 * pre-flight results, stages and weights, metric readings against their limits, approvals, alerts,
 * the rollback reason, the outcome and duration. Pure: it prints nothing itself.
 */
public final class ProgressRenderer {
  private boolean headerShown;
  private boolean preflightShown;
  private int auditShown;
  private boolean resultShown;
  private long liveShownAt;

  /**
   * How often a soak's live readings are shown as a line, at most (its samples may come every few
   * seconds for days).
   */
  public static final long LIVE_EVERY_MILLIS = 60_000;

  /** The lines that {@code status} adds to what was rendered before. */
  public List<String> next(ReleaseStatus s) {
    List<String> lines = new ArrayList<>();
    if (!headerShown && s.policy() != null) {
      headerShown = true;
      lines.add(
          "🚀 Release "
              + s.releaseId()
              + ": "
              + s.service()
              + " "
              + s.version()
              + " → "
              + s.environment()
              + " ("
              + s.strategy().name().toLowerCase(Locale.ROOT)
              + ", policy "
              + s.policy()
              + ", requested by "
              + s.requestedBy()
              + ")");
    }
    if (!preflightShown && !s.preflight().isEmpty()) {
      preflightShown = true;
      lines.add("🔍 Pre-flight:");
      for (PreflightResult r : s.preflight()) {
        lines.add("  " + (r.passed() ? "✅ " : "❌ ") + r.check() + ": " + r.detail());
      }
    }
    List<AuditEntry> audit = s.audit();
    for (; auditShown < audit.size(); auditShown++) {
      render(audit.get(auditShown), s, lines);
    }
    LiveSoak live = s.result() == null ? s.analysis() : null;
    long sampledAt =
        live == null
            ? 0
            : live.checks().stream().mapToLong(c -> c.reading().atMillis()).max().orElse(0);
    if (live != null && !live.watch() && sampledAt >= liveShownAt + LIVE_EVERY_MILLIS) {
      liveShownAt = sampledAt;
      lines.add(
          "📊 "
              + live.stage()
              + ", "
              + live.samples()
              + " sample(s): "
              + live.checks().stream()
                  .map(c -> c.reading().reason() + " " + icon(c.reading()))
                  .collect(Collectors.joining(", ")));
    }
    if (!resultShown && s.result() != null) {
      resultShown = true;
      lines.add(outcome(s.result()));
    }
    return lines;
  }

  private static void render(AuditEntry e, ReleaseStatus s, List<String> lines) {
    if (e instanceof ProgressEvent.StageStarted) {
      lines.add("🐦 " + capital(e.action()) + " — " + e.detail());
    } else if (e instanceof AnalysisEvent.Analysed a) {
      lines.add("📈 Analysis " + a.verdict().name() + " — " + e.detail());
      for (CheckReading r : s.verdicts()) {
        lines.add("  • " + r.reason() + " " + icon(r));
      }
    } else if (e instanceof ApprovalEvent.Requested) {
      lines.add("⏳ Approval requested — " + e.detail());
    } else if (e instanceof ControlEvent.Refusal r) {
      lines.add("⛔ Refused " + r.control() + " from " + e.actor() + " — " + e.detail());
    } else if (e instanceof ProgressEvent.RollingBack) {
      lines.add("🚨 Alert: " + e.detail());
      lines.add("🔄 Triggering rollback...");
    } else if (e instanceof ProgressEvent.Stuck) {
      lines.add("📟 " + capital(e.sentence()));
    } else if (e instanceof CalendarEvent) {
      lines.add("🗓  " + capital(e.sentence()));
    } else if (e instanceof ProgressEvent.AwaitingConfirmation) {
      lines.add("⏳ " + capital(e.sentence()));
    } else if (e instanceof ControlEvent.Decided) {
      lines.add("✋ " + capital(e.detail()));
    } else if (e instanceof ControlEvent.Paused
        || e instanceof ControlEvent.Resumed
        || e instanceof ControlEvent.Aborted
        || (e instanceof ControlEvent.Promoted p && p.how() != ControlEvent.Promotion.FULL_ASKED)
        || e instanceof ProgressEvent.BreakGlass
        || e instanceof ProgressEvent.Undoing
        || e instanceof ApprovalEvent.OnTimeout) {
      lines.add("⏯  " + e.sentence());
    }
  }

  private static String icon(CheckReading r) {
    if (r.verdict() == Verdict.FAIL) return "❌";
    if (r.verdict() == Verdict.INCONCLUSIVE) return "❔";
    return r.breaching() ? "⚠️" : "✅";
  }

  /** The closing line: outcome, reason and duration. */
  public static String outcome(ReleaseResult r) {
    String took = String.format(Locale.ROOT, "%.1fs", r.durationMillis() / 1000.0);
    return switch (r.outcome()) {
      case PROMOTED -> "✅ " + r.releaseId() + " PROMOTED in " + took + " — " + r.detail();
      case ROLLED_BACK ->
          "🔙 "
              + r.releaseId()
              + " ROLLED_BACK in "
              + took
              + " — reason ("
              + r.rollbackReason().name().toLowerCase(Locale.ROOT)
              + "): "
              + r.detail();
      case BLOCKED -> "🚧 " + r.releaseId() + " BLOCKED in " + took + " — " + r.detail();
      case FAILED ->
          "💥 " + r.releaseId() + " FAILED in " + took + " — needs a human: " + r.detail();
    };
  }

  private static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
