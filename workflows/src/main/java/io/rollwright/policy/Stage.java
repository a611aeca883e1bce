package io.rollwright.policy;

import java.time.Duration;
import java.util.List;

/**
 * One step of a canary: run the {@code before} checks (pre-flight check kinds, e.g. a webhook),
 * send {@code weight} percent of traffic to the canary, soak for {@code soak} while {@code checks}
 * are analysed and the {@code during} checks (pre-flight check kinds too) are asked, then pass the
 * {@code gate}. Stages without checks of their own use the policy's. A stage may name a {@code
 * cohort}: from that stage on, every request of that cohort (a header value, {@code x-cohort:
 * internal_test}) goes to the canary as well, before and beside the weight's share of everyone
 * else.
 */
public record Stage(
    String name,
    Double weight,
    @DurationField Duration soak,
    List<AnalysisCheck> checks,
    Gate gate,
    List<PreflightSettings> before,
    List<PreflightSettings> during,
    String cohort) {
  public Stage {
    gate = gate == null ? Gate.AUTO : gate;
    before = before == null ? List.of() : List.copyOf(before);
    during = during == null ? List.of() : List.copyOf(during);
  }

  /**
   * The stage as it runs: named (by its weight when unnamed) and with the policy's checks when it
   * has none.
   */
  public Stage completed(List<AnalysisCheck> inherited) {
    String label = name != null || weight == null ? name : weightText(weight);
    return new Stage(
        label, weight, soak, checks == null ? inherited : checks, gate, before, during, cohort);
  }

  /** {@code 5%}, {@code 0.5%}. */
  public static String weightText(double weight) {
    return (weight == Math.rint(weight) ? Long.toString((long) weight) : Double.toString(weight))
        + "%";
  }
}
