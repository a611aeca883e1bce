package io.rollwright.system;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One instance (stable or canary) of a small HTTP service whose error rate, latency and crash rate
 * can be changed while it runs, with the usual {@code http_requests_total} and {@code
 * http_request_duration_seconds} metrics (Prometheus Java client) on its own metrics port, a steady
 * load of requests sent to it, and an app's crash telemetry: each request is a session ({@code
 * app_sessions_total}), some of which crash ({@code app_crashes_total}).
 */
final class DemoHttpService implements AutoCloseable {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests =
      Counter.builder().name("http_requests_total").labelNames("code").register(registry);
  private final Histogram duration =
      Histogram.builder().name("http_request_duration_seconds").register(registry);
  private final Counter sessions = Counter.builder().name("app_sessions_total").register(registry);
  private final Counter crashes = Counter.builder().name("app_crashes_total").register(registry);
  private final HttpServer app;
  private final HTTPServer metrics;
  private final ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
  private volatile double errorRate;
  private volatile long latencyMillis = 5;
  private volatile double crashRate;

  DemoHttpService() throws IOException {
    app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext(
        "/",
        exchange -> {
          long started = System.nanoTime();
          sleep(latencyMillis);
          int code = ThreadLocalRandom.current().nextDouble() < errorRate ? 500 : 200;
          exchange.sendResponseHeaders(code, -1);
          exchange.close();
          requests.labelValues(String.valueOf(code)).inc();
          sessions.inc();
          if (ThreadLocalRandom.current().nextDouble() < crashRate) {
            crashes.inc();
          }
          duration.observe((System.nanoTime() - started) / 1e9);
        });
    app.setExecutor(Executors.newFixedThreadPool(4));
    app.start();
    metrics = HTTPServer.builder().hostname("127.0.0.1").port(0).registry(registry).buildAndStart();
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest hit =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Future<?> unused =
        load.scheduleAtFixedRate(
            () -> {
              try {
                client.send(hit, HttpResponse.BodyHandlers.discarding());
              } catch (Exception e) {
                // the next request tries again
              }
            },
            0,
            20,
            TimeUnit.MILLISECONDS);
  }

  /** The fraction of requests answered with 500 from now on. */
  void errorRate(double rate) {
    errorRate = rate;
  }

  /** The fraction of sessions that crash from now on. */
  void crashRate(double rate) {
    crashRate = rate;
  }

  void latency(Duration d) {
    latencyMillis = d.toMillis();
  }

  int metricsPort() {
    return metrics.getPort();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    load.shutdownNow();
    metrics.close();
    app.stop(0);
  }
}
