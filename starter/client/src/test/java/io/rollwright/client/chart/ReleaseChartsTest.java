package io.rollwright.client.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.LiveSoak;
import io.rollwright.analysis.ReadingPoint;
import io.rollwright.analysis.Verdict;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.Phase;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.policy.BreachAction;
import io.rollwright.policy.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReleaseChartsTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long MIN = 60_000;

  private static ReleaseStatus status(
      double weight, List<AuditEntry> audit, List<ReadingPoint> readings, LiveSoak live) {
    return new ReleaseStatus(
        "shop<script>@prod",
        "shop<script>",
        "2.0.0",
        "prod",
        Strategy.CANARY,
        "alice",
        "standard",
        Phase.SOAKING,
        2,
        3,
        "canary-25",
        weight,
        null,
        null,
        List.of(),
        List.of(),
        null,
        audit,
        T0,
        live,
        null,
        readings);
  }

  private static final List<AuditEntry> TWO_STAGES =
      List.of(
          new ProgressEvent.StageStarted(T0 + MIN, AuditEntry.SYSTEM, "canary-5", 5, 10 * MIN),
          new ControlEvent.Decided(T0 + 11 * MIN, "bob", true, "approved by bob (1 of 1)"),
          new ProgressEvent.StageStarted(T0 + 12 * MIN, AuditEntry.SYSTEM, "canary-25", 25, MIN));

  /** The y of each vertex of the first path in {@code svg}. */
  private static List<Double> ys(String svg) {
    Matcher path = Pattern.compile("<path d=\"([^\"]+)\"").matcher(svg);
    assertTrue(path.find(), svg);
    List<Double> ys = new ArrayList<>();
    Matcher point = Pattern.compile("[ML]([0-9.]+) ([0-9.]+)").matcher(path.group(1));
    while (point.find()) {
      ys.add(Double.parseDouble(point.group(2)));
    }
    return ys;
  }

  @Test
  void theWeightStepsUpStageByStageAndMarksWhoDecided() {
    String svg =
        ReleaseCharts.of(status(25, TWO_STAGES, List.of(), null), T0 + 20 * MIN).weight().svg();
    List<Double> levels = ys(svg).stream().distinct().toList();
    assertEquals(3, levels.size(), "0%, 5% and 25%: " + levels);
    assertTrue(levels.get(0) > levels.get(1) && levels.get(1) > levels.get(2), "rising");
    assertTrue(svg.contains(">canary-5</text>") && svg.contains(">canary-25</text>"), svg);
    assertTrue(svg.contains(">bob: approved</text>"), "bob's approval is marked: " + svg);
    assertTrue(svg.contains("now 25%"), "the label says where it is");
  }

  @Test
  void everyTextIsEscaped() {
    String svg =
        ReleaseCharts.of(status(25, TWO_STAGES, List.of(), null), T0 + 20 * MIN).weight().svg();
    assertFalse(svg.contains("<script>"), svg);
    assertTrue(svg.contains("shop&lt;script&gt;"), svg);
  }

  @Test
  void aCheckIsDrawnAgainstItsLimitWithItsBreachesAndTheSustainedWindowInProgress() {
    List<ReadingPoint> ended = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ended.add(
          new ReadingPoint("error-rate", T0 + (2 + i) * MIN, 0.01, 0.05, false, Verdict.PASS));
    }
    CheckReading latest =
        new CheckReading(
            "error-rate",
            "error-rate",
            Verdict.PASS,
            true,
            0.09,
            null,
            0.05,
            BreachAction.ROLLBACK,
            "error-rate 9.00% > 5.00%",
            T0 + 14 * MIN);
    LiveSoak live =
        new LiveSoak(
            "canary-25",
            false,
            2,
            List.of(new LiveSoak.Check(latest, T0 + 13 * MIN, 5 * MIN)),
            T0 + 12 * MIN,
            T0 + 22 * MIN,
            T0 + 15 * MIN,
            List.of(
                new ReadingPoint("error-rate", T0 + 13 * MIN, 0.08, 0.05, true, Verdict.PASS),
                ReadingPoint.of(latest)));

    List<ReleaseCharts.Chart> checks =
        ReleaseCharts.of(status(25, TWO_STAGES, ended, live), T0 + 15 * MIN).checks();

    assertEquals(List.of("error-rate"), checks.stream().map(ReleaseCharts.Chart::name).toList());
    String svg = checks.get(0).svg();
    assertTrue(svg.contains("12 readings, 2 over the limit"), svg);
    assertEquals(2, svg.split("<circle", -1).length - 1, "one dot per breach");
    assertTrue(svg.contains("stroke-dasharray"), "the limit is the dashed line");
    assertTrue(svg.contains("it fails if the breach lasts 5m"), "the sustained window: " + svg);
  }
}
