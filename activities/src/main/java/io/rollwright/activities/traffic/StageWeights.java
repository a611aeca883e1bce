package io.rollwright.activities.traffic;

import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Stage;
import io.rollwright.policy.Violations;
import java.util.List;

/** The stage weights a router that writes whole steps of a percent can express. */
public final class StageWeights {
  private StageWeights() {}

  /**
   * Adds a violation for each stage of {@code policy} whose weight is not a whole number of {@code
   * step} percent; {@code how} says how the router writes weights ({@code is set per ten
   * thousand}).
   */
  public static void checkSteps(
      String field, ReleasePolicy policy, Violations v, double step, String how) {
    List<Stage> stages = policy.stages() == null ? List.of() : policy.stages();
    for (int i = 0; i < stages.size(); i++) {
      Double weight = stages.get(i) == null ? null : stages.get(i).weight();
      if (weight != null && Double.isFinite(weight)) {
        double nearest = Math.max(step, Math.round(weight / step) * step);
        if (Math.abs(nearest - weight) > 1e-9) {
          v.add(
              field + ".stages[" + i + "].weight",
              how
                  + " by the "
                  + policy.router()
                  + " router: "
                  + Violations.plain(weight)
                  + " cannot be expressed (use a multiple of "
                  + Violations.plain(step)
                  + ", such as "
                  + Violations.plain(nearest)
                  + ")");
        }
      }
    }
  }
}
