package io.rollwright.analysis;

/**
 * One check's reading at one moment, as charts draw it: the canary's value (null when there was no
 * usable one), the limit it was held to then, whether it breached the limit, and its verdict.
 */
public record ReadingPoint(
    String check, long atMillis, Double value, double limit, boolean breaching, Verdict verdict) {

  /** The point {@code reading} makes. */
  public static ReadingPoint of(CheckReading reading) {
    return new ReadingPoint(
        reading.check(),
        reading.atMillis(),
        reading.canary(),
        reading.limit(),
        reading.breaching(),
        reading.verdict());
  }
}
