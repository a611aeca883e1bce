package io.rollwright.activities.metrics.sandbox;

import io.rollwright.policy.DurationText;
import java.util.ArrayList;
import java.util.List;

/**
 * A metric's value over time, as text: {@code "0.002, 20s: 0.18, 2m: none, 3m: down"} starts at
 * 0.002, is 0.18 from 20 seconds on, has no data from 2 minutes on, and the provider is down from 3
 * minutes on. Times count from when the canary started serving.
 */
public final class MetricScript {
  /**
   * A scripted value from {@code fromMillis} on: a number, {@code NaN} for no data, or {@code
   * down}.
   */
  record Step(long fromMillis, double value, boolean down) {}

  private final List<Step> steps;

  private MetricScript(List<Step> steps) {
    this.steps = steps;
  }

  public static MetricScript constant(double value) {
    return new MetricScript(List.of(new Step(0, value, false)));
  }

  public static MetricScript parse(String text) {
    List<Step> steps = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String p = part.trim();
      int colon = p.indexOf(':');
      long from = colon < 0 ? 0 : DurationText.parse(p.substring(0, colon).trim()).toMillis();
      String v = (colon < 0 ? p : p.substring(colon + 1)).trim();
      if (!steps.isEmpty() && from < steps.get(steps.size() - 1).fromMillis()) {
        throw new IllegalArgumentException("metric script '" + text + "': times must increase");
      }
      switch (v) {
        case "none" -> steps.add(new Step(from, Double.NaN, false));
        case "down" -> steps.add(new Step(from, Double.NaN, true));
        default -> {
          try {
            steps.add(new Step(from, Double.parseDouble(v), false));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "metric script '" + text + "': '" + v + "' is not a number, none or down");
          }
        }
      }
    }
    if (steps.isEmpty() || steps.get(0).fromMillis() != 0) {
      throw new IllegalArgumentException(
          "metric script '" + text + "' must start with a value for time 0");
    }
    return new MetricScript(List.copyOf(steps));
  }

  /** The step in force {@code elapsedMillis} after the canary started. */
  Step at(long elapsedMillis) {
    Step current = steps.get(0);
    for (Step s : steps) {
      if (s.fromMillis() <= elapsedMillis) current = s;
    }
    return current;
  }
}
