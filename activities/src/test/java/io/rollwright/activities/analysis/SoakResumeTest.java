package io.rollwright.activities.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.base.Registry;
import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.metrics.sandbox.SandboxMetrics;
import io.rollwright.analysis.Freshness;
import io.rollwright.analysis.SoakProgress;
import io.rollwright.analysis.Verdict;
import io.rollwright.api.AnalysisActivities;
import io.rollwright.api.SoakRequest;
import io.rollwright.api.SoakResult;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.AnalysisSettings;
import io.rollwright.policy.BreachAction;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A soak picked up by another worker after a gap in its sampling (the first worker died) takes
 * fresh samples covering its sustained window before it may pass, even when the stage's time is
 * over; a breach that began during the gap is found.
 */
class SoakResumeTest {
  private static final long T0 = 1_800_000_000_000L;
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final AnalysisCheck ERRORS =
      new AnalysisCheck(
          "error-rate",
          "error-rate",
          0.10,
          null,
          null,
          Duration.ofSeconds(6),
          BreachAction.ROLLBACK);

  /** A clock that moves only when an activity sleeps. */
  private static final class StepClock implements ActivityClock {
    private long now;

    StepClock(long now) {
      this.now = now;
    }

    @Override
    public synchronized long now() {
      return now;
    }

    @Override
    public synchronized void sleep(Duration d) {
      now += d.toMillis();
    }
  }

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final SandboxMetrics metrics = new SandboxMetrics();

  @AfterEach
  void close() {
    env.close();
  }

  /**
   * Resumes a 40-second soak whose last sample was taken at second 20, at {@code resumeAt} seconds.
   */
  private SoakResult resume(long resumeAtSecond, long lastSampleSecond) {
    env.registerActivitiesImplementations(
        new ThreadSoakActivities(
            new Registry<>("metric provider", Map.of("sandbox", metrics)),
            new StepClock(T0 + resumeAtSecond * 1000)));
    env.setHeartbeatDetails(
        new SoakProgress(
            T0,
            10,
            Map.of(),
            List.of(),
            new Freshness(T0 + lastSampleSecond * 1000, T0 + 2_000),
            List.of()));
    AnalysisActivities analysis =
        env.newActivityStub(
            AnalysisActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    TrafficTarget target =
        new TrafficTarget(
            "orders@prod",
            "orders",
            "prod",
            "2.3.0",
            "registry.example/orders:2.3.0",
            "sandbox",
            null,
            null,
            null);
    return analysis.soak(
        new SoakRequest(
            target,
            "canary-10",
            10,
            Duration.ofSeconds(40),
            List.of(ERRORS),
            new AnalysisSettings("sandbox", INTERVAL, 0L, 3, null),
            T0,
            false,
            Verdict.PASS));
  }

  @Test
  void aBreachThatBeganWhileNoWorkerRanIsFoundAfterTheStagesTimeIsOver() {
    metrics.script("orders", Track.CANARY, "error-rate", "0.002, 30s: 0.3");

    SoakResult result = resume(60, 20);

    assertEquals(Verdict.FAIL, result.decision().verdict(), result.decision().reason());
    assertTrue(result.decision().rollsBack());
    assertEquals(1, result.gaps().size(), result.gaps().toString());
    assertTrue(result.gaps().get(0).startsWith("no sample for 40s"), result.gaps().get(0));
    assertTrue(
        result.elapsedMillis() >= 66_000,
        "sampled " + result.elapsedMillis() + " ms into a 40 s stage");
  }

  @Test
  void aHealthyCanaryPassesOnlyOnceFreshSamplesCoverTheSustainedWindow() {
    SoakResult result = resume(60, 20);

    assertEquals(Verdict.PASS, result.decision().verdict());
    assertEquals(1, result.gaps().size());
    assertTrue(result.samples() >= 10 + 3, "took " + (result.samples() - 10) + " fresh samples");
    assertTrue(
        result.elapsedMillis() >= 64_000,
        "passed at " + result.elapsedMillis() + " ms, before a fresh 6 s window");
  }

  @Test
  void aSoakResumedWithoutAGapPassesOnItsSamples() {
    SoakResult result = resume(40, 38);

    assertEquals(Verdict.PASS, result.decision().verdict());
    assertEquals(List.of(), result.gaps());
    assertEquals(10, result.samples(), "nothing stale, nothing to sample again");
  }
}
