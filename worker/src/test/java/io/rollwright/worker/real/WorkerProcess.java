package io.rollwright.worker.real;

import io.rollwright.activities.traffic.SandboxCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The worker as a separate OS process ({@code java -jar target/rollwright-worker.jar}) against a
 * real Temporal server, with the sandbox journal in a file so the action log outlives it.
 */
public final class WorkerProcess implements AutoCloseable {
  private static final Path JAR = Path.of("target", "rollwright-worker.jar");
  static final Path POLICIES = Path.of("src", "test", "resources", "rollwright", "it-policies");

  private final Process process;
  private final int port;

  private WorkerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a worker; {@code settings} are extra {@code --key=value} Spring properties. */
  public static WorkerProcess start(TemporalDevServer server, Path journal, Path log, String... settings) throws IOException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: these tests run after 'package' (./mvnw verify)");
    }
    int port = TemporalDevServer.freePort();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-jar", JAR.toString(),
        "--spring.temporal.connection.target=" + server.address(),
        "--server.port=" + port,
        "--rollwright.policies-dir=" + POLICIES.toAbsolutePath(),
        "--rollwright.sandbox.journal=" + journal.toAbsolutePath()));
    cmd.addAll(List.of(settings));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new WorkerProcess(p, port);
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

  /** The worker's HTTP port: {@code /actuator/health}. */
  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Every sandbox action the journal holds for {@code service}. */
  public static List<SandboxCluster.Action> actions(Path journal, String service) {
    return new SandboxCluster(null, journal, java.time.Duration.ZERO).log(service);
  }

  /** The sandbox actions the journal holds for {@code service}, as their names, repeats of the same action folded. */
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
