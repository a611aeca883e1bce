package io.rollwright.api;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.ReadingPoint;
import io.rollwright.analysis.ReadingSeries;
import io.rollwright.analysis.SoakDecision;
import java.util.List;

/**
 * How a soak ended: its decision, the latest readings, how long it ran, how many samples it took,
 * each gap in its sampling (a worker's death, a provider outage) that it had to cover again, and
 * its readings over time ({@link ReadingSeries}).
 */
public record SoakResult(
    SoakDecision decision,
    List<CheckReading> readings,
    long elapsedMillis,
    int samples,
    List<String> gaps,
    List<ReadingPoint> series) {
  public SoakResult {
    readings = readings == null ? List.of() : List.copyOf(readings);
    gaps = gaps == null ? List.of() : List.copyOf(gaps);
    series = series == null ? List.of() : List.copyOf(series);
  }

  /** A result that kept no readings over time. */
  public SoakResult(
      SoakDecision decision,
      List<CheckReading> readings,
      long elapsedMillis,
      int samples,
      List<String> gaps) {
    this(decision, readings, elapsedMillis, samples, gaps, List.of());
  }
}
