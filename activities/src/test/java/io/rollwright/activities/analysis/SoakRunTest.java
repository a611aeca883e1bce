package io.rollwright.activities.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.analysis.LiveSoak;
import io.rollwright.analysis.Measurement;
import io.rollwright.analysis.Sample;
import io.rollwright.analysis.SoakProgress;
import io.rollwright.analysis.Verdict;
import io.rollwright.api.SoakRequest;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.AnalysisSettings;
import io.rollwright.policy.BreachAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoakRunTest {
  private static final long T0 = 1_800_000_000_000L;
  private static final AnalysisCheck ERRORS =
      new AnalysisCheck(
          "error-rate",
          "error-rate",
          0.10,
          null,
          null,
          Duration.ofSeconds(20),
          BreachAction.ROLLBACK);
  private static final SoakRequest SOAK =
      new SoakRequest(
          new TrafficTarget(
              "orders@prod",
              "orders",
              "prod",
              "2.3.0",
              "registry.example/orders:2.3.0",
              "sandbox",
              null,
              null,
              null),
          "canary-10",
          10,
          Duration.ofSeconds(35),
          List.of(ERRORS),
          new AnalysisSettings("sandbox", Duration.ofSeconds(10), 0L, 3, null),
          T0,
          false,
          Verdict.PASS);

  private static Map<String, Sample> errors(long at, double canary) {
    return Map.of(
        "error-rate",
        new Sample(at, new Measurement(canary, null), new Measurement(0.001, null), null));
  }

  @Test
  void samplesEachIntervalAndTheEndOfTheSoakAndShowsWhereEachCheckIsInItsWindow() {
    SoakRun run = new SoakRun(SOAK, null, T0);
    assertEquals(T0 + 10_000, run.nextSampleAt());
    run.observe(T0 + 10_000, errors(T0 + 10_000, 0.002));
    run.observe(T0 + 20_000, errors(T0 + 20_000, 0.2));
    assertFalse(run.over(T0 + 20_000), "a breach counts only once it lasts its 20 s window");

    LiveSoak live = run.progress().live();
    assertEquals("canary-10", live.stage());
    assertEquals(2, live.samples());
    assertEquals(T0 + 30_000, live.nextSampleAtMillis());
    assertEquals(T0 + 35_000, live.endsAtMillis());
    LiveSoak.Check check = live.checks().get(0);
    assertEquals(0.2, check.reading().canary());
    assertEquals(T0 + 20_000, check.breachingSinceMillis());
    assertEquals(20_000, check.sustainedMillis());

    run.observe(T0 + 30_000, errors(T0 + 30_000, 0.001));
    assertNull(
        run.progress().live().checks().get(0).breachingSinceMillis(),
        "the window starts again after a good sample");
    assertEquals(
        T0 + 35_000, run.nextSampleAt(), "the last sample is due when the soak's time is over");
    run.observe(T0 + 35_000, errors(T0 + 35_000, 0.001));
    assertTrue(run.over(T0 + 35_000));
    assertEquals(Verdict.PASS, run.result(T0 + 35_000).decision().verdict());
    assertEquals(4, run.result(T0 + 35_000).samples());
  }

  @Test
  void aRunResumedFromItsHeartbeatGoesOnWhereItWasAndSamplesAreNotCountedAgain() {
    SoakRun first = new SoakRun(SOAK, null, T0);
    first.observe(T0 + 10_000, errors(T0 + 10_000, 0.2));
    SoakProgress beat = first.progress();

    assertEquals(
        T0 + 21_000,
        new SoakRun(SOAK, beat, T0 + 21_000).nextSampleAt(),
        "sampled at once, over an interval late");
    SoakRun resumed = new SoakRun(SOAK, beat, T0 + 12_000);
    assertEquals(T0 + 22_000, resumed.nextSampleAt());
    assertEquals(1, resumed.progress().samples());
    assertEquals(
        T0 + 10_000,
        resumed.progress().live().checks().get(0).breachingSinceMillis(),
        "the window is carried");
    resumed.observe(T0 + 22_000, errors(T0 + 22_000, 0.2));
    resumed.observe(T0 + 32_000, errors(T0 + 32_000, 0.2));
    assertTrue(
        resumed.over(T0 + 32_000), "the breach has lasted its window across the two workers");
    assertEquals(Verdict.FAIL, resumed.result(T0 + 32_000).decision().verdict());
    assertEquals(3, resumed.result(T0 + 32_000).samples());
  }
}
