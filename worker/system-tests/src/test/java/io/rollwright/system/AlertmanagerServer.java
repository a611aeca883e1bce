package io.rollwright.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real Alertmanager (Debian's {@code prometheus-alertmanager} package) on a free loopback port,
 * clustering off, sending every alert at once to one webhook receiver with a bearer token, as
 * {@code deploy/alertmanager.yml} shows.
 */
final class AlertmanagerServer implements AutoCloseable {
  private final int port;
  private final Process process;

  private AlertmanagerServer(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts it sending to the webhook at {@code url} with {@code token}. */
  static AlertmanagerServer start(Path dir, String url, String token) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("alertmanager.yml"),
        """
        route:
          receiver: rollwright
          group_by: [alertname, service, environment]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1m
        receivers:
          - name: rollwright
            webhook_configs:
              - url: %s
                send_resolved: true
                max_alerts: 100
                http_config:
                  authorization:
                    credentials: %s
        """
            .formatted(url, token));
    String binary =
        LocalServer.binary(
            "apt-get install prometheus-alertmanager", "prometheus-alertmanager", "alertmanager");
    int port = TemporalDevServer.freePort();
    Process process =
        LocalServer.start(
            List.of(
                binary,
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="),
            dir.resolve("alertmanager.log"),
            "http://127.0.0.1:" + port);
    return new AlertmanagerServer(port, process);
  }

  /** host:port, as Prometheus's {@code alerting} configuration names it. */
  String address() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    LocalServer.stop(process);
  }
}
