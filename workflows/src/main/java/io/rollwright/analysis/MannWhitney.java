package io.rollwright.analysis;

import java.util.Arrays;

/**
 * Two-sided Mann-Whitney U test (Wilcoxon rank-sum) of canary samples against baseline samples, as
 * Kayenta's judge uses it. Pure and stateless. Uses average ranks for ties and the tie-corrected
 * normal approximation with a continuity correction of 0.5.
 */
public final class MannWhitney {
  /** The fewest non-NaN values a sample needs to be tested. */
  public static final int MIN_SAMPLES = 3;

  private MannWhitney() {}

  /**
   * The outcome of one test.
   *
   * @param u the U statistic of the canary sample (U1)
   * @param z the continuity-corrected standard score; positive when the canary ranks higher
   * @param pValue the two-sided p-value, in [0, 1]
   * @param canaryMedian the median of the canary sample, NaN values ignored
   * @param baselineMedian the median of the baseline sample, NaN values ignored
   */
  public record Result(
      double u, double z, double pValue, double canaryMedian, double baselineMedian) {}

  /**
   * Tests canary against baseline, ignoring NaN values.
   *
   * @throws IllegalArgumentException if either sample has fewer than 3 non-NaN values
   */
  public static Result test(double[] canary, double[] baseline) {
    double[] x = clean(canary, "canary");
    double[] y = clean(baseline, "baseline");
    int n1 = x.length;
    int n2 = y.length;
    int n = n1 + n2;

    double[] pooled = new double[n];
    System.arraycopy(x, 0, pooled, 0, n1);
    System.arraycopy(y, 0, pooled, n1, n2);
    Arrays.sort(pooled);

    // Average rank of each tie group, and the tie term sum(t^3 - t).
    double[] avgRank = new double[n];
    double tieTerm = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && pooled[j + 1] == pooled[i]) {
        j++;
      }
      double t = j - i + 1;
      tieTerm += t * t * t - t;
      Arrays.fill(avgRank, i, j + 1, (i + j) / 2.0 + 1);
      i = j + 1;
    }

    double r1 = 0;
    for (double v : x) {
      r1 += avgRank[firstIndex(pooled, v)];
    }
    double u = r1 - n1 * (n1 + 1) / 2.0;

    double mu = n1 * (double) n2 / 2.0;
    double sigma =
        Math.sqrt(n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1))));
    double z = 0;
    double p = 1;
    if (sigma > 0) {
      double diff = u - mu;
      // U moves in steps of 0.5, so |diff| is 0 or at least 0.5 and the correction never flips the
      // sign.
      z = Math.signum(diff) * Math.max(0, Math.abs(diff) - 0.5) / sigma;
      p = Math.min(1, Math.max(0, 2 * (1 - phi(Math.abs(z)))));
    }
    return new Result(u, z, p, median(x), median(y));
  }

  /**
   * Judges canary against baseline: FAIL when the difference is significant ({@code p < alpha}) and
   * the canary's median is worse in the given direction, PASS otherwise, INCONCLUSIVE when either
   * sample has fewer than 3 non-NaN values.
   */
  public static Verdict judge(
      double[] canary, double[] baseline, double alpha, boolean higherIsWorse) {
    if (countValid(canary) < MIN_SAMPLES || countValid(baseline) < MIN_SAMPLES) {
      return Verdict.INCONCLUSIVE;
    }
    Result r = test(canary, baseline);
    boolean worse =
        higherIsWorse
            ? r.canaryMedian() > r.baselineMedian()
            : r.canaryMedian() < r.baselineMedian();
    return r.pValue() < alpha && worse ? Verdict.FAIL : Verdict.PASS;
  }

  /** The standard normal CDF. */
  static double phi(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  /**
   * Complementary error function, Chebyshev fit (Numerical Recipes erfcc): fractional error below
   * 1.2e-7.
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double ans =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? ans : 2 - ans;
  }

  private static int firstIndex(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int countValid(double[] values) {
    return values == null ? 0 : (int) Arrays.stream(values).filter(v -> !Double.isNaN(v)).count();
  }

  private static double[] clean(double[] values, String name) {
    double[] out =
        values == null
            ? new double[0]
            : Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    if (out.length < MIN_SAMPLES) {
      throw new IllegalArgumentException(
          name + " sample needs at least " + MIN_SAMPLES + " non-NaN values, got " + out.length);
    }
    return out;
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
}
