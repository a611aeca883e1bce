package io.rollwright.workflow;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlLimits;
import io.rollwright.api.Limits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A release's audit timeline. Pure. Every decision is kept. A refusal that repeats one already
 * kept (same actor, action and detail, anywhere in the release) only counts on it, shown as
 * {@code (×N)}; beyond {@link #REFUSALS_KEPT} different refusals, further ones are only counted on
 * one entry. What {@link #shown()} returns is bounded whatever was sent: at most
 * {@link #DECISIONS_SHOWN} decisions (the first and the last half, with one entry saying how many
 * between are not shown) and every text cut to {@link #DETAIL_SHOWN} characters.
 */
final class Audit {
  static final int REFUSALS_KEPT = 50;
  static final int DECISIONS_SHOWN = 100;
  static final int DETAIL_SHOWN = 1000;

  /** One entry of the timeline; {@code count} is how many refusals it stands for. */
  private static final class Line {
    final AuditEntry entry;
    final boolean decision;
    long count = 1;

    Line(AuditEntry entry, boolean decision) {
      this.entry = entry;
      this.decision = decision;
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private final Map<String, Line> refusals = new HashMap<>();
  private Line beyondCap;
  private int decisions;

  /** Keeps a decision. */
  void decision(AuditEntry e) {
    lines.add(new Line(e, true));
    decisions++;
  }

  /** Keeps a refusal, or counts it on the entry of the same refusal or, beyond the cap, on the entry that counts the rest. */
  void refusal(AuditEntry e) {
    String key = e.actor() + '\n' + e.action() + '\n' + e.detail();
    Line same = refusals.get(key);
    if (same != null) {
      same.count++;
    } else if (refusals.size() < REFUSALS_KEPT) {
      Line line = new Line(e, false);
      refusals.put(key, line);
      lines.add(line);
    } else if (beyondCap == null) {
      beyondCap = new Line(new AuditEntry(e.atMillis(), ReleaseState.SYSTEM, "refusals counted", null), false);
      lines.add(beyondCap);
    } else {
      beyondCap.count++;
    }
  }

  /** The timeline as people see it, bounded (see the class comment). */
  List<AuditEntry> shown() {
    int half = DECISIONS_SHOWN / 2;
    int hidden = Math.max(0, decisions - DECISIONS_SHOWN);
    List<AuditEntry> out = new ArrayList<>();
    int ordinal = 0;
    for (Line line : lines) {
      if (line.decision && hidden > 0 && ordinal >= half && ordinal < half + hidden) {
        if (ordinal++ == half) {
          out.add(new AuditEntry(line.entry.atMillis(), ReleaseState.SYSTEM, "entries not shown",
              String.format(Locale.ROOT, "%,d decisions here are not shown; the release's history has them", hidden)));
        }
        continue;
      }
      ordinal += line.decision ? 1 : 0;
      out.add(render(line));
    }
    return out;
  }

  private AuditEntry render(Line line) {
    AuditEntry e = line.entry;
    String detail = e.detail();
    if (line == beyondCap) {
      detail = String.format(Locale.ROOT, "more than %d different refusals; %,d further refusal(s) were only counted", REFUSALS_KEPT, line.count);
    } else if (line.count > 1) {
      detail = ControlLimits.cut(detail, DETAIL_SHOWN) + String.format(Locale.ROOT, " (×%,d)", line.count);
    } else {
      detail = ControlLimits.cut(detail, DETAIL_SHOWN);
    }
    return new AuditEntry(e.atMillis(), ControlLimits.cut(e.actor(), Limits.ACTOR), ControlLimits.cut(e.action(), Limits.ACTOR), detail);
  }
}
