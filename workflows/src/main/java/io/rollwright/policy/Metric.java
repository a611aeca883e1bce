package io.rollwright.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The metrics a policy can judge, each with its unit, its sane range and how it reads. */
public enum Metric {
  ERROR_RATE("error-rate", Unit.FRACTION),
  SUCCESS_RATE("success-rate", Unit.FRACTION),
  LATENCY_P50("latency-p50", Unit.MILLIS),
  LATENCY_P95("latency-p95", Unit.MILLIS),
  LATENCY_P99("latency-p99", Unit.MILLIS),
  REQUEST_COUNT("request-count", Unit.COUNT),
  QUALITY_SCORE("quality-score", Unit.FRACTION),
  UP("up", Unit.FRACTION);

  /** How values of a metric are bounded and printed. */
  public enum Unit {
    FRACTION(0, 1, 0.001),
    MILLIS(0, 3_600_000, 1),
    COUNT(0, 1e12, 1),
    /** A custom query's value: any number, shown as it is. */
    VALUE(-1e12, 1e12, 1e-9);

    public final double lowest;
    public final double highest;

    /**
     * The smallest baseline a ratio is computed against, so a zero baseline does not make every
     * canary infinitely worse.
     */
    public final double ratioFloor;

    Unit(double lowest, double highest, double ratioFloor) {
      this.lowest = lowest;
      this.highest = highest;
      this.ratioFloor = ratioFloor;
    }

    public String format(double v) {
      if (Double.isNaN(v)) return "no data";
      return switch (this) {
        case FRACTION -> String.format(Locale.ROOT, "%.2f%%", v * 100);
        case MILLIS -> String.format(Locale.ROOT, "%,.0fms", v);
        case COUNT -> String.format(Locale.ROOT, "%,.0f", v);
        case VALUE -> String.format(Locale.ROOT, "%.4g", v);
      };
    }
  }

  public final String id;
  public final Unit unit;

  Metric(String id, Unit unit) {
    this.id = id;
    this.unit = unit;
  }

  /**
   * The unit a check's values are in: its known metric's, or {@link Unit#VALUE} for a custom query.
   */
  public static Unit unitOf(String metric, String query) {
    return query != null ? Unit.VALUE : byId(metric).map(m -> m.unit).orElse(Unit.VALUE);
  }

  public static Optional<Metric> byId(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }

  public static String known() {
    return Arrays.stream(values()).map(m -> m.id).collect(Collectors.joining(", "));
  }
}
