package io.rollwright.policy;

import java.time.Duration;
import java.util.List;

/**
 * The watch after the last stage: the new version carries all traffic for {@code duration} while
 * {@code checks} are analysed, and the previous version is kept ready, scaled to zero, so a breach
 * returns to it as a canary rollback would. With no checks of its own, the bake runs those of the
 * last stage's checks that need no baseline: the previous version serves no traffic to compare
 * with. {@code during} lists checks of pre-flight kinds asked while it bakes, as a stage's are
 * during its soak. The release is promoted only once the bake passes.
 */
public record Bake(
    @DurationField Duration duration, List<AnalysisCheck> checks, List<PreflightSettings> during) {
  public Bake {
    during = during == null ? List.of() : List.copyOf(during);
  }

  /** The name the bake has where stages are listed: status, audit, Web UI. */
  public static final String STAGE = "bake";

  /**
   * The bake as it runs: with the last stage's checks that need no baseline when it has none of its
   * own.
   */
  public Bake completed(List<AnalysisCheck> lastStage) {
    return new Bake(
        duration,
        checks != null
            ? checks
            : lastStage.stream().filter(c -> c == null || !c.needsBaseline()).toList(),
        during);
  }

  /** The bake as a stage at 100%: soaked and analysed like one, passed without a gate. */
  public Stage stage() {
    return new Stage(STAGE, 100.0, duration, checks, Gate.AUTO, List.of(), during, null);
  }
}
