package io.rollwright.workflow;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A release's audit timeline. Pure. Every decision is kept. A refusal that repeats one already kept
 * (same actor, action and detail, anywhere in the release) only counts on it, shown as {@code
 * (×N)}; beyond {@link #REFUSALS_KEPT} different refusals, further ones are only counted on one
 * entry. What {@link #shown()} returns is bounded whatever was sent: at most {@link
 * #DECISIONS_SHOWN} decisions (the first and the last half, with one entry saying how many between
 * are not shown), and the entries bound their own texts ({@link AuditEntry#TEXT_KEPT}). A release
 * that continues as new carries what is shown and the counts ({@link #carry()}); the decisions it
 * leaves out stay in the history of the run that had them.
 */
final class Audit {
  static final int REFUSALS_KEPT = AuditEntry.RefusalsCounted.KEPT;
  static final int DECISIONS_SHOWN = 100;

  /** One entry of the timeline; {@code count} is how many refusals it stands for. */
  private static final class Line {
    final AuditEntry entry;
    final boolean decision;
    long count;

    Line(AuditEntry entry, boolean decision, long count) {
      this.entry = entry;
      this.decision = decision;
      this.count = count;
    }

    Line(AuditEntry entry, boolean decision) {
      this(entry, decision, 1);
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private final Map<String, Line> refusals = new HashMap<>();
  private Line beyondCap;
  private int decisions;
  private long leftOut;

  Audit() {}

  /** The timeline a run before this one carried ({@link #carry()}). */
  Audit(List<ReleaseCheckpoint.AuditLine> carried, long decisionsLeftOut) {
    leftOut = decisionsLeftOut;
    for (ReleaseCheckpoint.AuditLine l : carried) {
      Line line = new Line(l.entry(), l.decision(), l.count());
      lines.add(line);
      if (line.decision) {
        decisions++;
      } else if (isCounter(l.entry())) {
        beyondCap = line;
      } else {
        refusals.put(key(l.entry()), line);
      }
    }
  }

  /** The entry counting refusals beyond the cap, also as written before events were typed. */
  private static boolean isCounter(AuditEntry e) {
    return e instanceof AuditEntry.RefusalsCounted
        || (e instanceof AuditEntry.Noted noted
            && "refusals counted".equals(noted.action())
            && ReleaseState.SYSTEM.equals(noted.actor()));
  }

  /**
   * The timeline to carry into the run a release continues as: every refusal line with its count,
   * and the decisions shown (the first and the last half); {@link #decisionsLeftOut()} counts the
   * others.
   */
  List<ReleaseCheckpoint.AuditLine> carry() {
    int half = DECISIONS_SHOWN / 2;
    int drop = Math.max(0, decisions - DECISIONS_SHOWN);
    List<ReleaseCheckpoint.AuditLine> out = new ArrayList<>();
    int ordinal = 0;
    for (Line line : lines) {
      if (line.decision && ordinal++ >= half && ordinal <= half + drop) {
        continue;
      }
      out.add(new ReleaseCheckpoint.AuditLine(line.entry, line.decision, line.count));
    }
    return out;
  }

  /**
   * How many decisions this timeline and the runs before it no longer carry, after {@link
   * #carry()}.
   */
  long decisionsLeftOut() {
    return leftOut + Math.max(0, decisions - DECISIONS_SHOWN);
  }

  /** Refusals fold when they read alike: same actor, action and detail. */
  private static String key(AuditEntry e) {
    return e.actor() + '\n' + e.action() + '\n' + e.detail();
  }

  /** Keeps a decision. */
  void decision(AuditEntry e) {
    lines.add(new Line(e, true));
    decisions++;
  }

  /**
   * Keeps a refusal, or counts it on the entry of the same refusal or, beyond the cap, on the entry
   * that counts the rest.
   */
  void refusal(AuditEntry e) {
    String key = key(e);
    Line same = refusals.get(key);
    if (same != null) {
      same.count++;
    } else if (refusals.size() < REFUSALS_KEPT) {
      Line line = new Line(e, false);
      refusals.put(key, line);
      lines.add(line);
    } else if (beyondCap == null) {
      beyondCap =
          new Line(new AuditEntry.RefusalsCounted(e.atMillis(), ReleaseState.SYSTEM, 1), false);
      lines.add(beyondCap);
    } else {
      beyondCap.count++;
    }
  }

  /** The timeline as people see it, bounded (see the class comment). */
  List<AuditEntry> shown() {
    int half = DECISIONS_SHOWN / 2;
    int hidden = Math.max(0, decisions - DECISIONS_SHOWN);
    long notShown = hidden + leftOut;
    List<AuditEntry> out = new ArrayList<>();
    int ordinal = 0;
    for (Line line : lines) {
      if (line.decision) {
        int o = ordinal++;
        if (o >= half && o < half + hidden) {
          continue;
        }
        if (o == half + hidden && notShown > 0) {
          out.add(new AuditEntry.NotShown(line.entry.atMillis(), ReleaseState.SYSTEM, notShown));
        }
      }
      out.add(render(line));
    }
    return out;
  }

  private AuditEntry render(Line line) {
    if (line == beyondCap) {
      return new AuditEntry.RefusalsCounted(line.entry.atMillis(), line.entry.actor(), line.count);
    }
    if (line.count > 1 && line.entry instanceof ControlEvent.Refusal refused) {
      return refused.times(line.count);
    }
    if (line.count > 1 && line.entry instanceof AuditEntry.Noted noted) {
      return new AuditEntry.Noted(
          noted.atMillis(),
          noted.actor(),
          noted.action(),
          noted.detail() + String.format(Locale.ROOT, " (×%,d)", line.count));
    }
    return line.entry;
  }
}
