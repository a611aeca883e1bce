package io.rollwright.system;

import io.rollwright.activities.traffic.sandbox.SandboxCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Rollwright app as a separate OS process against a real Temporal server: the worker ({@code java
 * -jar rollwright-demo.jar worker}: the worker on the sandbox, its journal in a file so the action
 * log outlives it) or the starter service.
 */
public final class AppProcess implements AutoCloseable {
  private static final Path SANDBOX_WORKER_JAR =
      Repo.path("starter", "demo", "target", "rollwright-demo.jar");
  private static final Path SERVICE_JAR =
      Repo.path("starter", "service", "target", "rollwright-service.jar");
  static final Path POLICIES =
      Repo.path("worker", "system-tests", "src", "test", "resources", "rollwright", "it-policies");

  private final Process process;
  private final int port;

  private AppProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts a worker on the sandbox; {@code settings} are extra {@code --key=value} Spring
   * properties.
   */
  public static AppProcess worker(
      TemporalDevServer server, Path journal, Path log, String... settings) throws IOException {
    return worker(server, journal, log, Map.of(), settings);
  }

  /** Starts a worker with {@code env} added to its environment (a {@code KUBECONFIG}, say). */
  public static AppProcess worker(
      TemporalDevServer server, Path journal, Path log, Map<String, String> env, String... settings)
      throws IOException {
    List<String> all =
        new ArrayList<>(
            List.of(
                "worker",
                "--rollwright.policies-dir=" + POLICIES.toAbsolutePath(),
                "--rollwright.sandbox.journal=" + journal.toAbsolutePath()));
    if (Stream.of(settings).noneMatch(s -> s.startsWith("--rollwright.ledger.url="))) {
      all.add(
          "--rollwright.ledger.url=jdbc:sqlite:"
              + journal.toAbsolutePath().resolveSibling("ledger.db"));
    }
    all.addAll(List.of(settings));
    return launch(SANDBOX_WORKER_JAR, server.address(), log, env, all);
  }

  /**
   * Starts the starter service (REST API, Slack endpoint); {@code settings} are extra Spring
   * properties.
   */
  public static AppProcess service(TemporalDevServer server, Path log, String... settings)
      throws IOException {
    return service(server.address(), log, settings);
  }

  /** Starts the starter service against the Temporal frontend at {@code temporal} (host:port). */
  public static AppProcess service(String temporal, Path log, String... settings)
      throws IOException {
    return launch(SERVICE_JAR, temporal, log, Map.of(), List.of(settings));
  }

  private static AppProcess launch(
      Path jar, String temporal, Path log, Map<String, String> env, List<String> settings)
      throws IOException {
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: these tests run after 'package' (./mvnw verify)");
    }
    int port = TemporalDevServer.freePort();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toString(),
                "--spring.temporal.connection.target=" + temporal,
                "--server.port=" + port));
    cmd.addAll(settings);
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Process p = builder.start();
    return new AppProcess(p, port);
  }

  /** {@code kill -9}: no shutdown hook, no graceful anything. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** {@code kill} (SIGTERM): the worker shuts down gracefully; returns once it has exited. */
  public void terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      throw new AssertionError("the worker did not stop within 90s of SIGTERM");
    }
  }

  /** Whether {@code identity} (a Temporal worker identity, {@code pid@host}) is this app's. */
  public boolean is(String identity) {
    return identity.startsWith(process.pid() + "@");
  }

  /** The app's HTTP port: {@code /actuator/health}, and the service's API. */
  public int port() {
    return port;
  }

  /** Waits until the app answers {@code /actuator/health} with UP. */
  public AppProcess awaitUp(java.time.Duration within) throws InterruptedException {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.URI health = java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health");
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "the app exited with " + process.exitValue() + " before it was up; see its log");
      }
      try {
        if (http.send(
                java.net.http.HttpRequest.newBuilder(health).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body()
            .contains("\"UP\"")) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the app was not up within " + within);
  }

  public long pid() {
    return process.pid();
  }

  /** Every sandbox action the journal holds for {@code service}. */
  public static List<SandboxCluster.Action> actions(Path journal, String service) {
    return new SandboxCluster(null, journal, java.time.Duration.ZERO).log(service);
  }

  /**
   * The sandbox actions the journal holds for {@code service}, as their names, repeats of the same
   * action folded.
   */
  public static List<String> plannedSequence(Path journal, String service) {
    List<String> folded = new ArrayList<>();
    for (SandboxCluster.Action a : actions(journal, service)) {
      if (folded.isEmpty() || !folded.get(folded.size() - 1).equals(a.action())) {
        folded.add(a.action());
      }
    }
    return folded;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill9();
      }
    }
  }
}
