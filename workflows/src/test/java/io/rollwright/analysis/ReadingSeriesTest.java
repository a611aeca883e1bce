package io.rollwright.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.policy.BreachAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingSeriesTest {
  private static CheckReading reading(String check, long at, double value, boolean breaching) {
    return new CheckReading(
        check,
        check,
        Verdict.PASS,
        breaching,
        value,
        null,
        0.05,
        BreachAction.ROLLBACK,
        check + " " + value,
        at);
  }

  @Test
  void aLongRunKeepsItsSpanAndEveryBreachWithinTheBound() {
    List<ReadingPoint> series = List.of();
    for (int i = 0; i < 5_000; i++) {
      boolean breach = i == 17 || i == 2_001;
      series =
          ReadingSeries.append(
              series,
              List.of(
                  reading("error-rate", i * 30_000L, breach ? 0.09 : 0.01, breach),
                  reading("latency-p99", i * 30_000L, 120, false)));
    }
    List<ReadingPoint> errors =
        series.stream().filter(p -> p.check().equals("error-rate")).toList();
    assertTrue(errors.size() <= ReadingSeries.PER_CHECK, "at most the bound: " + errors.size());
    assertTrue(errors.size() > ReadingSeries.PER_CHECK / 2, "not thinned below half");
    assertEquals(0L, errors.get(0).atMillis(), "the first reading is kept");
    assertEquals(4_999 * 30_000L, errors.get(errors.size() - 1).atMillis(), "and the last");
    assertEquals(
        List.of(17 * 30_000L, 2_001 * 30_000L),
        errors.stream().filter(ReadingPoint::breaching).map(ReadingPoint::atMillis).toList(),
        "every breach survives the thinning");
    assertTrue(
        series.stream().filter(p -> p.check().equals("latency-p99")).count()
            <= ReadingSeries.PER_CHECK);
  }

  @Test
  void aReleaseJoinsItsRunsInOrderUpToItsOwnBound() {
    List<ReadingPoint> release = List.of();
    for (int run = 0; run < 10; run++) {
      List<ReadingPoint> points = new ArrayList<>();
      for (int i = 0; i < ReadingSeries.PER_CHECK; i++) {
        points.add(ReadingPoint.of(reading("error-rate", run * 1_000_000L + i, 0.01, false)));
      }
      release = ReadingSeries.join(release, points);
    }
    assertTrue(release.size() <= ReadingSeries.PER_RELEASE, "bounded: " + release.size());
    List<Long> times = release.stream().map(ReadingPoint::atMillis).toList();
    assertEquals(times.stream().sorted().toList(), times, "still in time order");
    assertEquals(9_000_000L + ReadingSeries.PER_CHECK - 1, times.get(times.size() - 1));
  }
}
