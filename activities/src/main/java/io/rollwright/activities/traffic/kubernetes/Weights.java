package io.rollwright.activities.traffic.kubernetes;

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

  /** A share per ten thousand, in percent. */
  static double percent(int perTenThousand) {
    return perTenThousand * 100.0 / TOTAL;
  }
}
