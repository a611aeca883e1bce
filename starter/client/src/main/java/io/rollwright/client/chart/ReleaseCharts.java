package io.rollwright.client.chart;

import io.rollwright.analysis.LiveSoak;
import io.rollwright.analysis.ReadingPoint;
import io.rollwright.analysis.Verdict;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.policy.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pictures of a release, drawn from its status as SVG: the canary's weight over time, stage by
 * stage, with each decision people took (approvals, pauses, aborts) marked, and each check's
 * readings over time against its limit, with breaches, failed verdicts and the sustained window of
 * a breach in progress marked. The release page and the post-release report draw the same ones.
 * Pure.
 */
public final class ReleaseCharts {
  private static final String BLUE = "#1f6feb";
  private static final String AMBER = "#9a5b00";
  private static final String RED = "#c62828";
  private static final String GREY = "#4a5260";
  private static final String GREEN = "#1a7f37";

  /** One chart: what it shows ({@code weight}, or a check's name) and its SVG. */
  public record Chart(String name, String svg) {}

  /** The weight chart and one chart per check. */
  public record Charts(Chart weight, List<Chart> checks) {}

  private ReleaseCharts() {}

  /** The charts of {@code status} as it is at {@code nowMillis}. */
  public static Charts of(ReleaseStatus status, long nowMillis) {
    long from = status.startedAtMillis();
    long to = end(status, nowMillis);
    return new Charts(weight(status, from, to), checks(status, from, to));
  }

  private static long end(ReleaseStatus s, long now) {
    if (s.result() == null) {
      return now;
    }
    long last = s.startedAtMillis();
    for (AuditEntry e : s.audit()) {
      last = Math.max(last, e.atMillis());
    }
    return last;
  }

  private static Chart weight(ReleaseStatus s, long from, long to) {
    SvgPlot plot = new SvgPlot(from, to, 100);
    List<double[]> steps = new ArrayList<>();
    steps.add(new double[] {from, 0});
    double current = 0;
    for (AuditEntry e : s.audit()) {
      if (e instanceof ProgressEvent.StageStarted started) {
        current = started.weight();
        steps.add(new double[] {started.atMillis(), current});
        plot.mark(started.atMillis(), started.stage(), GREY);
      } else if (e instanceof ControlEvent c
          && !(e instanceof ControlEvent.Refusal)
          && !AuditEntry.SYSTEM.equals(e.actor())) {
        plot.mark(c.atMillis(), c.actor() + ": " + c.action(), GREEN, true);
      } else if (e instanceof ProgressEvent.RollingBack back) {
        plot.mark(
            back.atMillis(),
            "rollback: " + back.reason().name().toLowerCase(java.util.Locale.ROOT),
            RED);
      } else if (e instanceof ProgressEvent.Finished done) {
        current = done.outcome() == ReleaseOutcome.PROMOTED ? 100 : 0;
        steps.add(new double[] {done.atMillis(), current});
      }
    }
    if (s.result() == null) {
      current = s.weight();
    }
    steps.add(new double[] {to, current});
    plot.line(steps, BLUE, true, false);
    return new Chart(
        "weight",
        plot.svg(
            "Traffic on the new version of "
                + s.service()
                + " over time, now "
                + SvgPlot.number(current)
                + "%",
            "%"));
  }

  private static List<Chart> checks(ReleaseStatus s, long from, long to) {
    Map<String, List<ReadingPoint>> byCheck = new LinkedHashMap<>();
    List<ReadingPoint> all = new ArrayList<>(s.readings());
    LiveSoak live = s.analysis();
    if (live != null) {
      all.addAll(live.series());
    }
    for (ReadingPoint p : all) {
      byCheck.computeIfAbsent(p.check(), c -> new ArrayList<>()).add(p);
    }
    List<Chart> charts = new ArrayList<>();
    byCheck.forEach((check, points) -> charts.add(check(s, check, points, live, from, to)));
    return charts;
  }

  private static Chart check(
      ReleaseStatus s, String check, List<ReadingPoint> points, LiveSoak live, long from, long to) {
    double top = 0;
    for (ReadingPoint p : points) {
      top = Math.max(top, Math.max(p.limit(), p.value() == null ? 0 : p.value()));
    }
    SvgPlot plot = new SvgPlot(from, to, top * 1.25);
    for (AuditEntry e : s.audit()) {
      if (e instanceof ProgressEvent.StageStarted started) {
        plot.mark(started.atMillis(), started.stage(), GREY);
      }
    }
    if (live != null) {
      for (LiveSoak.Check c : live.checks()) {
        if (c.reading().check().equals(check) && c.breachingSinceMillis() != null) {
          long since = c.breachingSinceMillis();
          plot.band(
              since,
              since + c.sustainedMillis(),
              RED,
              "breaching since then; it fails if the breach lasts "
                  + DurationText.format(Duration.ofMillis(c.sustainedMillis())));
        }
      }
    }
    List<double[]> limits = new ArrayList<>();
    List<double[]> segment = new ArrayList<>();
    for (ReadingPoint p : points) {
      limits.add(new double[] {p.atMillis(), p.limit()});
      if (p.value() == null) {
        plot.line(segment, BLUE, false, false);
        segment = new ArrayList<>();
      } else {
        segment.add(new double[] {p.atMillis(), p.value()});
      }
    }
    plot.line(segment, BLUE, false, false);
    plot.line(limits, AMBER, true, true);
    int breaches = 0;
    for (ReadingPoint p : points) {
      if (p.value() != null && (p.breaching() || p.verdict() == Verdict.FAIL)) {
        breaches++;
        plot.dot(
            p.atMillis(),
            p.value(),
            RED,
            (p.verdict() == Verdict.FAIL ? "FAIL: " : "breach: ")
                + SvgPlot.number(p.value())
                + " over the limit "
                + SvgPlot.number(p.limit()));
      }
    }
    return new Chart(
        check,
        plot.svg(
            check
                + " of the new version over time against its limit (dashed): "
                + points.size()
                + " readings, "
                + breaches
                + " over the limit",
            ""));
  }
}
