package io.rollwright.api;

import io.rollwright.analysis.CheckReading;
import io.rollwright.analysis.SoakDecision;
import java.util.List;

/**
 * How a soak ended: its decision, the latest readings, how long it ran, how many samples it took,
 * and each gap in its sampling (a worker's death, a provider outage) that it had to cover again.
 */
public record SoakResult(
    SoakDecision decision,
    List<CheckReading> readings,
    long elapsedMillis,
    int samples,
    List<String> gaps) {
  public SoakResult {
    readings = readings == null ? List.of() : List.copyOf(readings);
    gaps = gaps == null ? List.of() : List.copyOf(gaps);
  }
}
