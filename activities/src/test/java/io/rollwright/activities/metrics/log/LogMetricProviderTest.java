package io.rollwright.activities.metrics.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rollwright.activities.metrics.MetricQuery;
import io.rollwright.activities.metrics.Track;
import io.rollwright.analysis.Measurement;
import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.Violation;
import io.rollwright.policy.Violations;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log provider has no data for anyone and refuses every analysis check up front. */
class LogMetricProviderTest {
  private final LogMetricProvider provider = new LogMetricProvider();

  @Test
  void everyReadingIsNoData() {
    Measurement m =
        provider.measure(
            new MetricQuery(
                "checkout", "prod", "error-rate", Track.CANARY, Duration.ofMinutes(1), 0, 0));
    assertFalse(m.present());
    assertEquals("the log metric provider reads no metrics", m.missing());
  }

  @Test
  void anAnalysisCheckIsRefusedWhereItIsWritten() {
    Violations v = new Violations();
    provider.checkQuery(
        "policy.checks[0]",
        new AnalysisCheck("errors", "error-rate", 0.01, null, null, null, null),
        v);
    List<Violation> found = v.list();
    assertEquals(1, found.size());
    assertEquals("policy.checks[0]", found.get(0).field());
  }
}
