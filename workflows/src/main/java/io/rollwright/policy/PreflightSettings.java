package io.rollwright.policy;

import java.util.List;

/**
 * A pre-flight check by name, with its settings: {@code min} for score-like checks ({@code
 * quality-gate}, {@code telemetry-health}), {@code dependencies} for {@code dependencies}, and
 * {@code windows} (ISO-8601 intervals {@code start/end}) for {@code change-freeze}.
 */
public record PreflightSettings(
    String check, Double min, List<String> dependencies, List<String> windows) {
  public PreflightSettings {
    dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    windows = windows == null ? List.of() : List.copyOf(windows);
  }
}
