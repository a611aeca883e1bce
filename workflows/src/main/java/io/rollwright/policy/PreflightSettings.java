package io.rollwright.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A pre-flight check by name, with its settings: {@code min} for score-like checks ({@code
 * quality-gate}, {@code telemetry-health}), {@code dependencies} for {@code dependencies}, {@code
 * windows} (ISO-8601 intervals {@code start/end}) for {@code change-freeze}, and for {@code
 * webhook} and {@code confirm} its {@code url}, {@code timeout}, {@code retries} and the name of
 * the worker's {@code secret} that signs it, and for {@code kubernetes-job} the {@code image} to
 * run, its {@code command} (the image's own when left out) and its {@code timeout}.
 */
public record PreflightSettings(
    String check,
    Double min,
    List<String> dependencies,
    List<String> windows,
    String url,
    @DurationField Duration timeout,
    Integer retries,
    String secret,
    String image,
    List<String> command) {
  /**
   * The check that waits for an external system's yes before a stage's traffic change, asked again
   * until it comes.
   */
  public static final String CONFIRM = "confirm";

  public PreflightSettings {
    dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    windows = windows == null ? List.of() : List.copyOf(windows);
    command = command == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(command));
  }
}
