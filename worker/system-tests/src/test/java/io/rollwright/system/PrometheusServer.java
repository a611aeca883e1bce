package io.rollwright.system;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Prometheus server (Debian's {@code prometheus} package) on a free loopback port,
 * scraping the demo service's stable and canary instances every second with the labels Rollwright's
 * default queries select on ({@code service}, {@code namespace}, {@code track}). It can be stopped
 * and started again on the same data.
 */
final class PrometheusServer implements AutoCloseable {
  static final Duration SCRAPE = Duration.ofSeconds(1);

  private final String binary;
  private final Path dir;
  private final int port;
  private Process process;

  private PrometheusServer(String binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
  }

  static PrometheusServer start(
      Path dir, String service, String namespace, int stablePort, int canaryPort) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        global:
          scrape_interval: %ds
        scrape_configs:
          - job_name: %s
            static_configs:
              - targets: ["127.0.0.1:%d"]
                labels: {service: %s, namespace: %s, track: stable}
              - targets: ["127.0.0.1:%d"]
                labels: {service: %s, namespace: %s, track: canary}
        """
            .formatted(
                SCRAPE.toSeconds(),
                service,
                stablePort,
                service,
                namespace,
                canaryPort,
                service,
                namespace));
    PrometheusServer server = new PrometheusServer(binary(), dir, TemporalDevServer.freePort());
    server.startProcess();
    return server;
  }

  private static String binary() {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
      if (Files.isExecutable(Path.of(entry, "prometheus"))) {
        return Path.of(entry, "prometheus").toString();
      }
    }
    String why = "prometheus is not installed (apt-get install prometheus)";
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(why);
    }
    Assumptions.abort(why);
    return null;
  }

  void startProcess() throws Exception {
    process =
        new ProcessBuilder(
                binary,
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile()))
            .start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "prometheus did not become ready (see " + dir.resolve("prometheus.log") + ")");
      }
      Thread.sleep(200);
    }
  }

  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      stop();
    }
  }
}
