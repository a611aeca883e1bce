package io.rollwright.system;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real server installed on the machine (Prometheus, Alertmanager), run as a process on loopback:
 * found on the PATH, started with its output in a log, ready once its {@code /-/ready} answers 200,
 * and stopped by its own PID.
 */
final class LocalServer {
  private LocalServer() {}

  /**
   * The first of {@code names} on the PATH. Missing, it fails the test on CI (where {@code .ci/run}
   * installs it) and skips it elsewhere, saying to {@code install}.
   */
  static String binary(String install, String... names) {
    for (String name : names) {
      for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
        if (Files.isExecutable(Path.of(entry, name))) {
          return Path.of(entry, name).toString();
        }
      }
    }
    String why = names[0] + " is not installed (" + install + ")";
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(why);
    }
    Assumptions.abort(why);
    return null;
  }

  /**
   * Starts {@code command}, its output appended to {@code log}, and waits until {@code
   * url}/-/ready.
   */
  static Process start(List<String> command, Path log, String url) throws Exception {
    return startReady(new ProcessBuilder(command), log, url + "/-/ready", Duration.ofSeconds(60));
  }

  /**
   * Starts {@code process}, its output appended to {@code log}, and waits up to {@code timeout}
   * until {@code readyUrl} answers 200.
   */
  static Process startReady(ProcessBuilder process, Path log, String readyUrl, Duration timeout)
      throws Exception {
    Process started =
        process
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(readyUrl)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return started;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!started.isAlive() || System.nanoTime() > deadline) {
        stop(started);
        throw new IllegalStateException(
            process.command().get(0) + " did not become ready (see " + log + ")");
      }
      Thread.sleep(200);
    }
  }

  /** Stops {@code process}: asked first, then forced. */
  static void stop(Process process) throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
