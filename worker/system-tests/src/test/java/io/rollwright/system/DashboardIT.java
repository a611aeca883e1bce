package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwright.activities.metrics.prometheus.PrometheusClient;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.client.ReleaseControls;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard in {@code deploy/grafana} against the real Prometheus scraping a real
 * worker: after a promotion through an approval gate and a rollback on injected errors, every
 * panel's query parses and returns series (Grafana's variables filled in as "All" and a range).
 */
class DashboardIT extends PrometheusTest {
  private static final Map<String, String> GRAFANA =
      Map.of(
          "$__rate_interval", "1m",
          "$__range", "1h",
          "$service", ".*",
          "$environment", ".*",
          "$job", "rollwright-worker");

  @Test
  void everyPanelsQueryReturnsSeriesFromARunningWorker() throws Exception {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Files.readString(Repo.root().resolve("deploy/grafana/rollwright.json")));
    try (AppProcess worker = analysingWorker("dashboard")) {
      prometheus.scrape("rollwright-worker", "127.0.0.1:" + worker.port(), "/actuator/prometheus");
      String gated = start(request(SERVICE, "prom-gate"));
      awaitPhase(gated, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));
      ReleaseControls controls = new ReleaseControls(server.client(), Duration.ofSeconds(30));
      assertTrue(
          controls
              .send(gated, new ControlCommand(ControlCommand.Action.APPROVE, "bob", "looks fine"))
              .accepted());
      assertEquals(ReleaseOutcome.PROMOTED, result(gated, Duration.ofMinutes(2)).outcome());

      String failing = start(request(SERVICE, "prom"));
      awaitPhase(failing, Phase.SOAKING, Duration.ofMinutes(1));
      canary.errorRate(0.3);
      assertEquals(ReleaseOutcome.ROLLED_BACK, result(failing, Duration.ofMinutes(2)).outcome());
      canary.errorRate(0);

      PrometheusClient client =
          new PrometheusClient(URI.create(prometheus.url()), null, Duration.ofSeconds(5), null);
      Map<String, String> empty = new LinkedHashMap<>();
      await(
          "every panel's query answered with series",
          Duration.ofSeconds(30),
          () -> {
            empty.clear();
            for (JsonNode panel : dashboard.path("panels")) {
              for (JsonNode target : panel.path("targets")) {
                String query = filled(target.path("expr").asText());
                if (client.query(query, Instant.now()).isEmpty()) {
                  empty.put(panel.path("title").asText(), query);
                }
              }
            }
            return empty.isEmpty();
          });
      List<String> titles = new ArrayList<>();
      dashboard.path("panels").forEach(p -> titles.add(p.path("title").asText()));
      assertTrue(titles.size() >= 10, titles.toString());
      assertEquals(Map.of(), empty);
    }
  }

  private static String filled(String expr) {
    String out = expr;
    for (Map.Entry<String, String> v : GRAFANA.entrySet()) {
      out = out.replace(v.getKey(), v.getValue());
    }
    assertTrue(!out.contains("$"), "a variable the test does not fill: " + out);
    return out;
  }
}
