package io.rollwright.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Readings over time, kept to at most {@link #PER_CHECK} points per check in an analysis run and
 * {@link #PER_RELEASE} in a release: when a check has more, each equal span of its time keeps only
 * its worst point, so a long soak keeps its span, its shape and its breaches (one per span). Pure.
 */
public final class ReadingSeries {
  /** The most points a run keeps per check. */
  public static final int PER_CHECK = 240;

  /** The most points a release keeps per check, over all its runs. */
  public static final int PER_RELEASE = 1_200;

  private ReadingSeries() {}

  /** {@code series} with {@code readings} appended, thinned where a check has too many. */
  public static List<ReadingPoint> append(List<ReadingPoint> series, List<CheckReading> readings) {
    List<ReadingPoint> out = new ArrayList<>(series == null ? List.of() : series);
    for (CheckReading r : readings) {
      out.add(ReadingPoint.of(r));
      thin(out, r.check(), PER_CHECK);
    }
    return List.copyOf(out);
  }

  /** A release's {@code series} and then a run's {@code more}, thinned per check. */
  public static List<ReadingPoint> join(List<ReadingPoint> series, List<ReadingPoint> more) {
    List<ReadingPoint> out = new ArrayList<>(series);
    out.addAll(more);
    more.stream().map(ReadingPoint::check).distinct().forEach(c -> thin(out, c, PER_RELEASE));
    return List.copyOf(out);
  }

  /**
   * Thins {@code check}'s points in {@code series} when there are more than {@code max}: its span
   * cut into {@code max / 2} equal spans of time, each keeping its worst point (breaching first,
   * then the highest), and the first and last points kept whatever they are.
   */
  private static void thin(List<ReadingPoint> series, String check, int max) {
    List<ReadingPoint> ofCheck = series.stream().filter(p -> p.check().equals(check)).toList();
    if (ofCheck.size() <= max) {
      return;
    }
    long first = ofCheck.get(0).atMillis();
    double width =
        (ofCheck.get(ofCheck.size() - 1).atMillis() - first + 1) / (double) Math.max(1, max / 2);
    Map<Long, ReadingPoint> worst = new LinkedHashMap<>();
    for (ReadingPoint p : ofCheck) {
      worst.merge((long) ((p.atMillis() - first) / width), p, ReadingSeries::worse);
    }
    Set<ReadingPoint> kept = new HashSet<>(worst.values());
    kept.add(ofCheck.get(0));
    kept.add(ofCheck.get(ofCheck.size() - 1));
    series.removeIf(p -> p.check().equals(check) && !kept.contains(p));
  }

  private static ReadingPoint worse(ReadingPoint a, ReadingPoint b) {
    if (a.breaching() != b.breaching()) {
      return a.breaching() ? a : b;
    }
    return value(b) > value(a) ? b : a;
  }

  private static double value(ReadingPoint p) {
    return p.value() == null ? Double.NEGATIVE_INFINITY : p.value();
  }
}
