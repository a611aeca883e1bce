package io.rollwright.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
          evaluation_interval: %ds
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
                SCRAPE.toSeconds(),
                service,
                stablePort,
                service,
                namespace,
                canaryPort,
                service,
                namespace));
    PrometheusServer server =
        new PrometheusServer(
            LocalServer.binary("apt-get install prometheus", "prometheus"),
            dir,
            TemporalDevServer.freePort());
    server.startProcess();
    return server;
  }

  void startProcess() throws Exception {
    process =
        LocalServer.start(
            List.of(
                binary,
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port),
            dir.resolve("prometheus.log"),
            url());
  }

  /**
   * Restarts on the same data with alerting rules {@code rules} (a rule file's YAML, kept beside
   * the configuration, which names it relative to itself), sending their alerts to the Alertmanager
   * at {@code alertmanager} (host:port).
   */
  void alertTo(String alertmanager, String rules) throws Exception {
    Files.writeString(dir.resolve("rules.yml"), rules);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        Files.readString(config)
            + """
            rule_files: ["%s"]
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ["%s"]
            """
                .formatted("rules.yml", alertmanager));
    stop();
    startProcess();
  }

  /**
   * Restarts on the same data, also scraping {@code target} (host:port) at {@code path} as {@code
   * job}.
   */
  void scrape(String job, String target, String path) throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        Files.readString(config)
            .replace(
                "scrape_configs:\n",
                """
                scrape_configs:
                  - job_name: %s
                    metrics_path: %s
                    static_configs:
                      - targets: ["%s"]
                """
                    .formatted(job, path, target)));
    stop();
    startProcess();
  }

  void stop() throws InterruptedException {
    LocalServer.stop(process);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
