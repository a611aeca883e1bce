package io.rollwright.activities.traffic.kubernetes;

import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Stage;
import io.rollwright.policy.Violations;
import java.util.List;

/**
 * Traffic weights as the routers that take integers write them: per ten thousand, so 0.5% is exact.
 */
final class Weights {
  static final int TOTAL = 10_000;

  private Weights() {}

  /** The canary's share per ten thousand for {@code percent}. */
  static int perTenThousand(double percent) {
    return (int) Math.round(percent * TOTAL / 100);
  }

  /**
   * Adds a violation for each stage of {@code policy} whose weight is finer than a hundredth of a
   * percent, which a share per ten thousand cannot express.
   */
  static void checkExpressible(String field, ReleasePolicy policy, Violations v) {
    List<Stage> stages = policy.stages() == null ? List.of() : policy.stages();
    for (int i = 0; i < stages.size(); i++) {
      Double weight = stages.get(i) == null ? null : stages.get(i).weight();
      if (weight != null
          && Double.isFinite(weight)
          && Math.abs(percent(perTenThousand(weight)) - weight) > 1e-9) {
        v.add(
            field + ".stages[" + i + "].weight",
            "is set per ten thousand by the "
                + policy.router()
                + " router: "
                + Violations.plain(weight)
                + " cannot be expressed (use a multiple of 0.01, such as "
                + Violations.plain(percent(perTenThousand(weight)))
                + ")");
      }
    }
  }

  /** A share per ten thousand, in percent. */
  static double percent(int perTenThousand) {
    return perTenThousand * 100.0 / TOTAL;
  }
}
