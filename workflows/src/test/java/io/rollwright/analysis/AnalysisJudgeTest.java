package io.rollwright.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.AnalysisSettings;
import io.rollwright.policy.BreachAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AnalysisJudgeTest {
  private static final AnalysisSettings SETTINGS =
      new AnalysisSettings("sandbox", Duration.ofSeconds(30), 10L, 3, null);
  private static final Measurement ENOUGH_TRAFFIC = Measurement.of(1000);
  private static final Measurement NO_BASELINE = Measurement.none("not asked");
  private static final long STEP = Duration.ofSeconds(30).toMillis();

  // --- one sample, fresh state ---

  static Stream<Arguments> singleSamples() {
    return Stream.of(
        Arguments.of(
            max("error-rate", 0.15).build(),
            0.10,
            NO_BASELINE,
            Verdict.PASS,
            false,
            0.15,
            "error-rate 10.00% within 15.00%"),
        Arguments.of(
            max("error-rate", 0.15).build(),
            0.15,
            NO_BASELINE,
            Verdict.PASS,
            false,
            0.15,
            "within 15.00%"),
        Arguments.of(
            max("error-rate", 0.15).build(),
            0.182,
            NO_BASELINE,
            Verdict.FAIL,
            true,
            0.15,
            "error-rate 18.20% > 15.00%"),
        Arguments.of(
            max("latency-p95", 500).build(),
            1234,
            NO_BASELINE,
            Verdict.FAIL,
            true,
            500,
            "latency-p95 1,234ms > 500ms"),
        Arguments.of(
            min("success-rate", 0.80).build(),
            0.85,
            NO_BASELINE,
            Verdict.PASS,
            false,
            0.80,
            "success-rate 85.00% within 80.00%"),
        Arguments.of(
            min("success-rate", 0.80).build(),
            0.75,
            NO_BASELINE,
            Verdict.FAIL,
            true,
            0.80,
            "success-rate 75.00% < 80.00%"),
        Arguments.of(
            ratio("latency-p95", 2.0).build(),
            190,
            Measurement.of(100),
            Verdict.PASS,
            false,
            200,
            "latency-p95 190ms within 200ms (2.0× baseline 100ms)"),
        Arguments.of(
            ratio("latency-p95", 2.0).build(),
            250,
            Measurement.of(100),
            Verdict.FAIL,
            true,
            200,
            "latency-p95 250ms > 200ms (2.0× baseline 100ms)"),
        // a zero baseline is floored at the unit's ratio floor (0.1% for fractions): 1.5 × 0.1% =
        // 0.15%
        Arguments.of(
            ratio("error-rate", 1.5).build(),
            0.0005,
            Measurement.of(0),
            Verdict.PASS,
            false,
            0.0015,
            "within 0.15%"),
        Arguments.of(
            ratio("error-rate", 1.5).build(),
            0.002,
            Measurement.of(0),
            Verdict.FAIL,
            true,
            0.0015,
            "0.20% > 0.15%"));
  }

  @ParameterizedTest(name = "{0} canary={1} -> {3}")
  @MethodSource("singleSamples")
  void judgesOneSample(
      AnalysisCheck check,
      double canary,
      Measurement baseline,
      Verdict verdict,
      boolean breaching,
      double limit,
      String reason) {
    Judgement j =
        AnalysisJudge.judge(
            check,
            new Sample(0, Measurement.of(canary), baseline, ENOUGH_TRAFFIC),
            CheckState.FRESH,
            SETTINGS);
    CheckReading r = j.reading();
    assertEquals(verdict, r.verdict(), r.reason());
    assertEquals(breaching, r.breaching());
    assertEquals(limit, r.limit(), 1e-12, "effective limit");
    assertEquals(canary, r.canary());
    assertTrue(r.reason().contains(reason), () -> r.reason() + " should contain " + reason);
    assertEquals(breaching ? new CheckState(0L, 0) : CheckState.FRESH, j.state());
  }

  static Stream<Arguments> unusableSamples() {
    return Stream.of(
        Arguments.of(
            max("error-rate", 0.1).build(),
            new Sample(
                0, Measurement.none("query returned no series"), NO_BASELINE, ENOUGH_TRAFFIC),
            "error-rate: no canary data (query returned no series) (1 of 3 samples)"),
        Arguments.of(
            max("error-rate", 0.1).build(),
            new Sample(0, Measurement.of(Double.NaN), NO_BASELINE, ENOUGH_TRAFFIC),
            "no canary data (value is NaN)"),
        Arguments.of(
            max("error-rate", 0.1).build(),
            new Sample(0, Measurement.of(Double.POSITIVE_INFINITY), NO_BASELINE, ENOUGH_TRAFFIC),
            "no canary data (value is Infinity)"),
        Arguments.of(
            max("error-rate", 0.1).build(),
            new Sample(0, Measurement.of(0.5), NO_BASELINE, Measurement.of(4)),
            "too little canary traffic (4 requests < 10)"),
        Arguments.of(
            max("error-rate", 0.1).build(),
            new Sample(0, Measurement.of(0.5), NO_BASELINE, Measurement.none("down")),
            "canary request count unknown"),
        Arguments.of(
            ratio("latency-p95", 2.0).build(),
            new Sample(
                0, Measurement.of(900), Measurement.none("stable scaled to zero"), ENOUGH_TRAFFIC),
            "no baseline data (stable scaled to zero)"),
        Arguments.of(max("error-rate", 0.1).build(), null, "error-rate: no sample taken"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("unusableSamples")
  void noUsableDataIsInconclusiveNeverPassOrFail(
      AnalysisCheck check, Sample sample, String reason) {
    Judgement j = AnalysisJudge.judge(check, sample, CheckState.FRESH, SETTINGS);
    assertEquals(Verdict.INCONCLUSIVE, j.reading().verdict());
    assertFalse(j.reading().breaching());
    assertTrue(j.reading().reason().contains(reason), j.reading().reason());
    assertEquals(1, j.state().inconclusiveRun());
  }

  @Test
  void measurementOfNanOrInfinityIsNoData() {
    assertFalse(Measurement.of(Double.NaN).present());
    assertFalse(Measurement.of(Double.NEGATIVE_INFINITY).present());
    assertTrue(Measurement.of(0).present());
  }

  // --- sustained windows, fed sample by sample ---

  @Test
  void sustainedBreachFailsOnlyOnceTheWindowIsFull() {
    AnalysisJudge judge = judge(max("error-rate", 0.01).sustained("5m"));
    for (int i = 0; i < 10; i++) { // t = 0 .. 4m30
      CheckReading r = tick(judge, i, 0.05);
      assertEquals(Verdict.PASS, r.verdict(), "at sample " + i + ": " + r.reason());
      assertTrue(r.breaching());
      assertEquals(SoakDecision.PASS, judge.decision());
    }
    assertTrue(
        judge.latest().get(0).reason().endsWith("(breaching for 4m30s of 5m)"),
        judge.latest().get(0).reason());
    CheckReading fail = tick(judge, 10, 0.05); // t = 5m
    assertEquals(Verdict.FAIL, fail.verdict());
    assertTrue(fail.reason().contains("error-rate 5.00% > 1.00% for 5m"), fail.reason());
    assertEquals(
        new SoakDecision(Verdict.FAIL, BreachAction.ROLLBACK, fail.reason()), judge.decision());
  }

  @ParameterizedTest(name = "pass at sample {0}: fail at sample {1}")
  @CsvSource({"4, 15", "9, 20", "1, 12"})
  void aPassingSampleResetsTheWindow(int passingAt, int failsAt) {
    AnalysisJudge judge = judge(max("error-rate", 0.01).sustained("5m"));
    for (int i = 0; i < failsAt; i++) {
      CheckReading r = tick(judge, i, i == passingAt ? 0.001 : 0.05);
      assertEquals(Verdict.PASS, r.verdict(), "at sample " + i + ": " + r.reason());
      assertEquals(i != passingAt, r.breaching());
    }
    assertEquals(Verdict.FAIL, tick(judge, failsAt, 0.05).verdict());
  }

  @Test
  void theWindowSurvivesAResumeFromHeartbeatState() {
    AnalysisJudge before = judge(max("error-rate", 0.01).sustained("5m"));
    for (int i = 0; i < 6; i++) tick(before, i, 0.05);
    AnalysisJudge after =
        new AnalysisJudge(
            List.of(max("error-rate", 0.01).sustained("5m").build()), SETTINGS, before.states());
    for (int i = 6; i < 10; i++) assertEquals(Verdict.PASS, tick(after, i, 0.05).verdict());
    assertEquals(Verdict.FAIL, tick(after, 10, 0.05).verdict());
  }

  @Test
  void decisionIsInconclusiveOnlyAfterEnoughNoDataSamplesInARow() {
    AnalysisJudge judge = judge(max("error-rate", 0.01));
    for (int i = 0; i < 2; i++) {
      assertEquals(Verdict.INCONCLUSIVE, tickNoData(judge, i).verdict());
      assertEquals(SoakDecision.PASS, judge.decision(), "after " + (i + 1) + " no-data sample(s)");
    }
    tick(judge, 2, 0.001); // data again: the run starts over
    tickNoData(judge, 3);
    tickNoData(judge, 4);
    assertEquals(SoakDecision.PASS, judge.decision());
    tickNoData(judge, 5);
    SoakDecision d = judge.decision();
    assertEquals(Verdict.INCONCLUSIVE, d.verdict());
    assertEquals(BreachAction.PAUSE, d.action(), "inconclusive pauses; it never rolls back");
    assertTrue(d.reason().contains("(3 of 3 samples)"), d.reason());
    assertTrue(d.stopsSoak());
    assertFalse(d.rollsBack());
  }

  // --- the soak's decision over several checks ---

  @Test
  void aFailingCheckThatPausesPausesTheSoak() {
    AnalysisJudge judge =
        judge(min("success-rate", 0.9).onBreach(BreachAction.PAUSE), max("error-rate", 0.1));
    judge.observe(Map.of("success-rate", sample(0, 0.85), "error-rate", sample(0, 0.01)));
    SoakDecision d = judge.decision();
    assertEquals(Verdict.FAIL, d.verdict());
    assertEquals(BreachAction.PAUSE, d.action());
    assertTrue(d.reason().contains("success-rate 85.00% < 90.00%"), d.reason());
    assertTrue(d.stopsSoak());
    assertFalse(d.rollsBack());
  }

  @Test
  void rollbackOutranksPauseWhenBothFail() {
    AnalysisJudge judge =
        judge(min("success-rate", 0.9).onBreach(BreachAction.PAUSE), max("error-rate", 0.1));
    judge.observe(Map.of("success-rate", sample(0, 0.85), "error-rate", sample(0, 0.182)));
    SoakDecision d = judge.decision();
    assertEquals(BreachAction.ROLLBACK, d.action());
    assertTrue(d.rollsBack());
    assertTrue(d.reason().contains("18.20%") && d.reason().contains("10.00%"), d.reason());
    assertFalse(
        d.reason().contains("success-rate"),
        "only the checks that roll back are the reason: " + d.reason());
  }

  @Test
  void aFailureOutranksNoData() {
    AnalysisJudge judge =
        judge(min("success-rate", 0.9).onBreach(BreachAction.PAUSE), max("error-rate", 0.1));
    for (int i = 0; i < 3; i++) judge.observe(Map.of("success-rate", sample(i * STEP, 0.5)));
    assertEquals(
        new SoakDecision(Verdict.FAIL, BreachAction.PAUSE, judge.latest().get(0).reason()),
        judge.decision());
    assertNull(judge.latest().get(1).canary(), "the check without a sample has no canary value");
  }

  // --- helpers ---

  private static AnalysisJudge judge(Builder... checks) {
    return new AnalysisJudge(Stream.of(checks).map(Builder::build).toList(), SETTINGS, Map.of());
  }

  /**
   * The single check of {@code judge} sampled at {@code index} × 30s with the given canary value.
   */
  private static CheckReading tick(AnalysisJudge judge, int index, double canary) {
    return judge.observe(Map.of("error-rate", sample(index * STEP, canary))).get(0);
  }

  private static CheckReading tickNoData(AnalysisJudge judge, int index) {
    return judge
        .observe(
            Map.of(
                "error-rate",
                new Sample(
                    index * STEP, Measurement.none("empty result"), NO_BASELINE, ENOUGH_TRAFFIC)))
        .get(0);
  }

  private static Sample sample(long atMillis, double canary) {
    return new Sample(atMillis, Measurement.of(canary), NO_BASELINE, ENOUGH_TRAFFIC);
  }

  private static Builder max(String metric, double limit) {
    return new Builder(metric, limit, null, null);
  }

  private static Builder min(String metric, double limit) {
    return new Builder(metric, null, limit, null);
  }

  private static Builder ratio(String metric, double times) {
    return new Builder(metric, null, null, times);
  }

  /** A check under construction. */
  private record Builder(
      String metric,
      Double max,
      Double min,
      Double ratio,
      Duration sustained,
      BreachAction onBreach) {
    Builder(String metric, Double max, Double min, Double ratio) {
      this(metric, max, min, ratio, null, null);
    }

    Builder sustained(String text) {
      return new Builder(
          metric, max, min, ratio, io.rollwright.policy.DurationText.parse(text), onBreach);
    }

    Builder onBreach(BreachAction action) {
      return new Builder(metric, max, min, ratio, sustained, action);
    }

    AnalysisCheck build() {
      return new AnalysisCheck(null, metric, max, min, ratio, sustained, onBreach);
    }

    @Override
    public String toString() {
      return build().name() + " " + build().comparison().symbol + " " + build().limit();
    }
  }
}
