package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.activities.traffic.sandbox.SandboxCluster;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code bench/breach-latency} benchmark: errors are injected into a soaking canary; it
 * measures how long until the FAIL verdict (detection) and from the verdict until stable has all
 * traffic again (reaction), on the real Prometheus and Temporal servers with the worker as its own
 * process.
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class BreachLatencyBenchmark extends PrometheusTest {
  private static final int RUNS = Integer.getInteger("rollwright.bench.runs", 3);

  @Test
  void breachLatency() throws Exception {
    double detection = 0;
    double reaction = 0;
    try (AppProcess worker = analysingWorker("breach-latency")) {
      for (int run = 0; run < RUNS; run++) {
        String id = start(request(SERVICE, "prom"));
        awaitPhase(id, Phase.SOAKING, Duration.ofMinutes(1));
        Thread.sleep(3_000);
        long injected = System.currentTimeMillis();
        canary.errorRate(0.3);
        assertEquals(ReleaseOutcome.ROLLED_BACK, result(id, Duration.ofMinutes(2)).outcome());
        canary.errorRate(0);
        long verdict =
            release(id).status().audit().stream()
                .filter(e -> e.action().equals("analysis FAIL"))
                .mapToLong(AuditEntry::atMillis)
                .max()
                .orElseThrow();
        long restored =
            AppProcess.actions(journal(), SERVICE).stream()
                .filter(a -> a.action().equals("route-all-to-stable"))
                .mapToLong(SandboxCluster.Action::atMillis)
                .max()
                .orElseThrow();
        detection += (verdict - injected) / 1000.0 / RUNS;
        reaction += (restored - verdict) / 1000.0 / RUNS;
        Thread.sleep(6_000);
      }
    }
    System.out.println("scrape interval s: " + PrometheusServer.SCRAPE.toSeconds());
    System.out.println("analysis interval s: 2");
    System.out.println("query window s: 5");
    System.out.println(String.format(Locale.ROOT, "breach to verdict s: %.2f", detection));
    System.out.println(String.format(Locale.ROOT, "verdict to stable s: %.2f", reaction));
  }
}
