package io.rollwright.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * What a check remembers between samples: since when it has been breaching without a break ({@code
 * null}: not breaching), how many samples in a row were inconclusive, and — for a Mann-Whitney
 * check — the canary and baseline values seen in this soak (the latest {@link #KEPT} of each).
 */
public record CheckState(
    Long breachingSinceMillis, int inconclusiveRun, List<Double> canary, List<Double> baseline) {
  public static final CheckState FRESH = new CheckState(null, 0);
  public static final int KEPT = 720;

  public CheckState {
    canary = canary == null ? List.of() : List.copyOf(canary);
    baseline = baseline == null ? List.of() : List.copyOf(baseline);
  }

  public CheckState(Long breachingSinceMillis, int inconclusiveRun) {
    this(breachingSinceMillis, inconclusiveRun, List.of(), List.of());
  }

  /** This state with one more pair of values, the oldest dropped beyond {@link #KEPT}. */
  CheckState observed(double canaryValue, double baselineValue) {
    return new CheckState(
        breachingSinceMillis,
        inconclusiveRun,
        append(canary, canaryValue),
        append(baseline, baselineValue));
  }

  CheckState with(Long since, int run) {
    return new CheckState(since, run, canary, baseline);
  }

  private static List<Double> append(List<Double> values, double value) {
    List<Double> next =
        new ArrayList<>(values.size() >= KEPT ? values.subList(1, values.size()) : values);
    next.add(value);
    return next;
  }
}
