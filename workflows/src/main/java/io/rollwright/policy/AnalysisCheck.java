package io.rollwright.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * One metric judged during a soak. Exactly one limit is set: {@code max} or {@code min} (absolute,
 * in the metric's unit), {@code maxVsBaseline} (canary may be at most this many times the stable
 * baseline), or {@code mannWhitney} (the significance level at which the canary's samples over the
 * soak may not be worse than the baseline's, by a Mann-Whitney U test). It fails only after
 * breaching for {@code for} (zero: at the first breach). With {@code query} the check measures a
 * custom query of the metric provider's (e.g. PromQL with the same variables as the built-in
 * metrics), and {@code metric} is just its name.
 */
public record AnalysisCheck(
    String name,
    String metric,
    Double max,
    Double min,
    Double maxVsBaseline,
    @JsonProperty("for") @DurationField Duration sustained,
    BreachAction onBreach,
    Double mannWhitney,
    String query) {

  public AnalysisCheck(
      String name,
      String metric,
      Double max,
      Double min,
      Double maxVsBaseline,
      Duration sustained,
      BreachAction onBreach) {
    this(name, metric, max, min, maxVsBaseline, sustained, onBreach, null, null);
  }

  public AnalysisCheck(
      String name,
      String metric,
      Double max,
      Double min,
      Double maxVsBaseline,
      Duration sustained,
      BreachAction onBreach,
      Double mannWhitney) {
    this(name, metric, max, min, maxVsBaseline, sustained, onBreach, mannWhitney, null);
  }

  public AnalysisCheck {
    sustained = sustained == null ? Duration.ZERO : sustained;
    onBreach = onBreach == null ? BreachAction.ROLLBACK : onBreach;
    name = name == null || name.isBlank() ? metric : name;
  }

  /** How the measured value is compared with the limit. */
  public enum Comparison {
    MAX("≤"),
    MIN("≥"),
    MAX_VS_BASELINE("≤ baseline ×"),
    MANN_WHITNEY("not significantly worse than baseline, α =");

    public final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }
  }

  @JsonIgnore
  public Comparison comparison() {
    if (mannWhitney != null) return Comparison.MANN_WHITNEY;
    if (maxVsBaseline != null) return Comparison.MAX_VS_BASELINE;
    return min != null ? Comparison.MIN : Comparison.MAX;
  }

  /** The check compares the canary with the stable version, so it needs stable to serve traffic. */
  @JsonIgnore
  public boolean needsBaseline() {
    return maxVsBaseline != null || mannWhitney != null;
  }

  @JsonIgnore
  public double limit() {
    return switch (comparison()) {
      case MAX -> max;
      case MIN -> min;
      case MAX_VS_BASELINE -> maxVsBaseline;
      case MANN_WHITNEY -> mannWhitney;
    };
  }
}
