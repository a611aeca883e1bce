package io.rollwright.activities.traffic.kubernetes;

import io.rollwright.activities.traffic.StageWeights;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Violations;

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
    StageWeights.checkSteps(field, policy, v, 100.0 / TOTAL, "is set per ten thousand");
  }

  /** A share per ten thousand, in percent. */
  static double percent(int perTenThousand) {
    return perTenThousand * 100.0 / TOTAL;
  }
}
