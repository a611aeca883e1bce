package io.rollwright.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.AnalysisSettings;
import io.rollwright.policy.BreachAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A check judged by a Mann-Whitney U test over the soak's samples instead of a fixed threshold. */
class MannWhitneyCheckTest {
  private static final AnalysisSettings SETTINGS =
      new AnalysisSettings("sandbox", Duration.ofSeconds(30), 0L, 3, null);

  static Stream<Arguments> soaks() {
    return Stream.of(
        Arguments.of(
            "latency clearly higher",
            "latency-p95",
            new double[] {300, 310, 305, 320, 315, 300},
            new double[] {120, 125, 118, 122, 121, 119},
            List.of(Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.FAIL)),
        Arguments.of(
            "latency alike",
            "latency-p95",
            new double[] {120, 125, 118, 122, 121, 119},
            new double[] {121, 119, 124, 118, 122, 120},
            List.of(
                Verdict.PASS,
                Verdict.PASS,
                Verdict.PASS,
                Verdict.PASS,
                Verdict.PASS,
                Verdict.PASS)),
        Arguments.of(
            "latency clearly lower is fine",
            "latency-p95",
            new double[] {60, 61, 62, 63, 64, 65},
            new double[] {120, 125, 118, 122, 121, 119},
            List.of(
                Verdict.PASS,
                Verdict.PASS,
                Verdict.PASS,
                Verdict.PASS,
                Verdict.PASS,
                Verdict.PASS)),
        Arguments.of(
            "success rate clearly lower",
            "success-rate",
            new double[] {0.90, 0.91, 0.89, 0.90, 0.92},
            new double[] {0.999, 0.998, 0.999, 0.997, 0.999},
            List.of(Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.FAIL)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("soaks")
  void judgesTheSoakSoFar(
      String label, String metric, double[] canary, double[] baseline, List<Verdict> expected) {
    AnalysisCheck check =
        new AnalysisCheck(
            null, metric, null, null, null, Duration.ZERO, BreachAction.ROLLBACK, 0.05);
    AnalysisJudge judge = new AnalysisJudge(List.of(check), SETTINGS, Map.of());
    for (int i = 0; i < expected.size(); i++) {
      Sample s =
          new Sample(i * 30_000L, Measurement.of(canary[i]), Measurement.of(baseline[i]), null);
      CheckReading r = judge.observe(Map.of(metric, s)).get(0);
      assertEquals(
          expected.get(i), r.verdict(), label + " at sample " + (i + 1) + ": " + r.reason());
      if (i < 4) {
        assertTrue(
            r.reason()
                .contains("collecting samples for the Mann-Whitney test (" + (i + 1) + " of 5)"),
            r.reason());
      }
    }
    if (expected.get(expected.size() - 1) == Verdict.FAIL) {
      String reason = judge.decision().reason();
      assertTrue(
          reason.contains("significantly worse than baseline") && reason.contains("(Mann-Whitney)"),
          reason);
    }
  }
}
