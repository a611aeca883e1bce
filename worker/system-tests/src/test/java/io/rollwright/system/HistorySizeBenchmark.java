package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.worker.ReleaseHarness;
import io.rollwright.worker.TimeSkippingReleaseTest;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code bench/history-size} benchmark: a 5-day {@code channels} rollout at a 30 s analysis
 * interval, time-skipped.
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class HistorySizeBenchmark extends TimeSkippingReleaseTest {
  @Test
  void fiveDayRollout() {
    long started = System.nanoTime();
    ReleaseResult result = h.run(ReleaseHarness.request("checkout", "channels"));
    double wall = (System.nanoTime() - started) / 1e9;
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    System.out.println(
        "history events, 5-day rollout at 30s interval: " + h.historyLength("checkout@prod"));
    System.out.println(String.format(Locale.ROOT, "simulated 5-day rollout wall s: %.1f", wall));
  }
}
