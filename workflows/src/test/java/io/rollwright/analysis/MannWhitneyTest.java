package io.rollwright.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MannWhitneyTest {
  private static final double NAN = Double.NaN;

  private static final double[] SEPARATED_CANARY = {12.1, 13.4, 14.2, 15.0, 15.8, 16.3, 17.1, 18.4};
  private static final double[] SEPARATED_BASELINE = {
    10.2, 10.9, 11.3, 11.8, 12.0, 12.5, 13.0, 13.1
  };
  private static final double[] BETTER_CANARY = {80, 82, 79, 85, 81, 83, 78, 84};
  private static final double[] BETTER_BASELINE = {100, 105, 98, 110, 102, 99, 104, 101};

  // Expected U and p from scipy.stats.mannwhitneyu(canary, baseline, alternative='two-sided',
  // use_continuity=True, method='asymptotic') (asymptotic, continuity-corrected), scipy 1.17.1.
  static Stream<Arguments> scipyCases() {
    return Stream.of(
        Arguments.of(
            "clearly separated", SEPARATED_CANARY, SEPARATED_BASELINE, 61.0, 0.002761604417827473),
        Arguments.of(
            "identical distribution",
            new double[] {101, 99, 103, 98, 100, 102, 97, 104},
            new double[] {100, 102, 98, 103, 99, 101, 95, 106, 104},
            32.5,
            0.7718764092187829),
        Arguments.of(
            "many ties",
            new double[] {1, 2, 2, 3, 3, 3, 4, 4, 5, 5},
            new double[] {1, 1, 2, 2, 2, 3, 3, 4, 4, 4},
            63.0,
            0.33260333394559216),
        Arguments.of(
            "all equal", new double[] {7, 7, 7, 7}, new double[] {7, 7, 7, 7, 7}, 10.0, 1.0),
        Arguments.of(
            "unequal sizes",
            new double[] {220, 245, 260, 231, 275, 300, 251},
            new double[] {200, 210, 198, 225, 205, 215, 190, 230, 208, 212, 199, 221, 203},
            88.0,
            0.0008740872112984741),
        // scipy with nan_policy='omit' gives the same as on the NaN-free samples
        Arguments.of(
            "NaN ignored",
            new double[] {0.5, NAN, 0.7, 0.9, NAN, 0.6, 0.8},
            new double[] {0.4, 0.3, NAN, 0.45, 0.35, 0.5, 0.2},
            29.5,
            0.010411098147110422),
        Arguments.of("canary lower", BETTER_CANARY, BETTER_BASELINE, 0.0, 0.0009391056991171899),
        Arguments.of(
            "smallest samples",
            new double[] {1, 2, 3},
            new double[] {4, 5, 6},
            0.0,
            0.08085559837005224),
        Arguments.of(
            "equal medians, one tie", new double[] {5, 6, 7}, new double[] {4, 6, 8}, 4.5, 1.0));
  }

  @ParameterizedTest(name = "{0}: U={3}, p={4}")
  @MethodSource("scipyCases")
  void matchesScipy(String name, double[] canary, double[] baseline, double u, double p) {
    MannWhitney.Result r = MannWhitney.test(canary, baseline);
    assertEquals(u, r.u(), 0.0, "U");
    assertEquals(p, r.pValue(), 1e-6, "p");
  }

  // |z| = scipy.stats.norm.isf(p / 2) for the scipy p-values above
  @ParameterizedTest(name = "{0}: z={1}")
  @MethodSource("zCases")
  void standardScoreIsSignedByCanaryRank(
      String name, double z, double[] canary, double[] baseline) {
    assertEquals(z, MannWhitney.test(canary, baseline).z(), 1e-5);
  }

  static Stream<Arguments> zCases() {
    return Stream.of(
        Arguments.of("canary higher", 2.9930986796098713, SEPARATED_CANARY, SEPARATED_BASELINE),
        Arguments.of("canary lower", -3.3081616985161735, BETTER_CANARY, BETTER_BASELINE),
        Arguments.of("all equal", 0.0, new double[] {7, 7, 7}, new double[] {7, 7, 7, 7}));
  }

  @Test
  void reportsMediansIgnoringNaN() {
    MannWhitney.Result r =
        MannWhitney.test(
            new double[] {0.5, NAN, 0.7, 0.9, NAN, 0.6, 0.8},
            new double[] {0.4, 0.3, NAN, 0.45, 0.35, 0.5, 0.2});
    assertEquals(0.7, r.canaryMedian(), 1e-12);
    assertEquals(0.375, r.baselineMedian(), 1e-12);
  }

  @Test
  void isSymmetricInSwappingTheSamples() {
    MannWhitney.Result ab = MannWhitney.test(SEPARATED_CANARY, SEPARATED_BASELINE);
    MannWhitney.Result ba = MannWhitney.test(SEPARATED_BASELINE, SEPARATED_CANARY);
    assertEquals(SEPARATED_CANARY.length * SEPARATED_BASELINE.length, ab.u() + ba.u(), 0.0);
    assertEquals(ab.pValue(), ba.pValue(), 1e-15);
    assertEquals(-ab.z(), ba.z(), 1e-15);
  }

  static Stream<Arguments> tooFewSamples() {
    return Stream.of(
        Arguments.of(new double[] {1, 2}, new double[] {1, 2, 3}),
        Arguments.of(new double[] {1, 2, 3}, new double[] {1, NAN, 3, NAN}),
        Arguments.of(new double[] {NAN, NAN, NAN}, new double[] {1, 2, 3}),
        Arguments.of(new double[0], new double[0]));
  }

  @ParameterizedTest
  @MethodSource("tooFewSamples")
  void tooFewSamplesCannotBeTested(double[] canary, double[] baseline) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(canary, baseline));
    assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("tooFewSamples")
  void tooFewSamplesAreInconclusive(double[] canary, double[] baseline) {
    assertEquals(Verdict.INCONCLUSIVE, MannWhitney.judge(canary, baseline, 0.05, true));
  }

  @ParameterizedTest(name = "{0}, higherIsWorse={1}, alpha={2} -> {3}")
  @CsvSource({
    // canary significantly higher (p = 0.00276)
    "higher, true,  0.05,  FAIL",
    "higher, false, 0.05,  PASS",
    "higher, true,  0.001, PASS",
    // canary significantly lower (p = 0.00094): better when higher is worse
    "lower,  true,  0.05,  PASS",
    "lower,  false, 0.05,  FAIL",
    // many ties, not significant (p = 0.333) although the canary median is higher
    "ties,   true,  0.05,  PASS",
    "equal,  true,  0.05,  PASS",
  })
  void judgesSignificanceAndDirection(
      String pair, boolean higherIsWorse, double alpha, Verdict expected) {
    double[][] samples =
        switch (pair) {
          case "higher" -> new double[][] {SEPARATED_CANARY, SEPARATED_BASELINE};
          case "lower" -> new double[][] {BETTER_CANARY, BETTER_BASELINE};
          case "ties" ->
              new double[][] {{1, 2, 2, 3, 3, 3, 4, 4, 5, 5}, {1, 1, 2, 2, 2, 3, 3, 4, 4, 4}};
          default -> new double[][] {{7, 7, 7, 7}, {7, 7, 7, 7, 7}};
        };
    assertEquals(expected, MannWhitney.judge(samples[0], samples[1], alpha, higherIsWorse));
  }

  @Test
  void phiMatchesKnownValues() {
    assertEquals(0.5, MannWhitney.phi(0), 1e-7);
    assertEquals(0.9750021048517795, MannWhitney.phi(1.96), 1e-7);
    assertEquals(0.0013498980316301, MannWhitney.phi(-3), 1e-8);
  }
}
