package io.rollwright.system;

import io.rollwright.activities.metrics.prometheus.PrometheusClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests with the real Prometheus: the demo service's stable and canary instances under
 * load, scraped every second, and workers that analyse with Prometheus.
 */
abstract class PrometheusTest extends RealServerTest {
  static final String SERVICE = "shop";
  static DemoHttpService stable;
  static DemoHttpService canary;
  static PrometheusServer prometheus;

  @BeforeAll
  static void startPrometheus() throws Exception {
    stable = new DemoHttpService();
    canary = new DemoHttpService();
    prometheus =
        PrometheusServer.start(
            dir.resolve("prometheus"), SERVICE, "prod", stable.metricsPort(), canary.metricsPort());
    awaitTraffic();
  }

  @AfterAll
  static void stopPrometheus() throws Exception {
    prometheus.close();
    stable.close();
    canary.close();
  }

  static AppProcess analysingWorker(String name) throws Exception {
    return worker(
        name,
        "--rollwright.prometheus.url=" + prometheus.url(),
        "--rollwright.prometheus.min-window=5s",
        "--rollwright.default-metrics=prometheus");
  }

  /** Until Prometheus has enough scrapes of both tracks for a rate over the analysis window. */
  static void awaitTraffic() throws InterruptedException {
    PrometheusClient client =
        new PrometheusClient(URI.create(prometheus.url()), null, Duration.ofSeconds(5), null);
    await(
        "request rates of both tracks in Prometheus",
        Duration.ofMinutes(1),
        () ->
            client
                    .query(
                        "sum by (track) (rate(http_requests_total{service=\""
                            + SERVICE
                            + "\"}[5s]))",
                        Instant.now())
                    .size()
                == 2);
  }
}
