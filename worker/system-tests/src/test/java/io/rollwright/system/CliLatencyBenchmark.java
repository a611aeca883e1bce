package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code bench/cli-latency} benchmark: the command line installed as documented ({@code
 * starter/cli/install.sh}), and {@code rollwright status} of a release waiting at its gate run as a
 * new process several times against the real dev server, reading through its HTTP API ({@code cli
 * status}) and through gRPC ({@code cli status grpc}); the median and fastest wall times are
 * printed.
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class CliLatencyBenchmark extends RealServerTest {
  private static final int RUNS = Integer.getInteger("rollwright.bench.runs", 7);

  /**
   * Runs {@code rollwright status ID} with {@code options} as new processes and prints the median
   * and fastest wall time under {@code name}.
   */
  private static void report(String name, int runs, Path launcher, String id, String... options)
      throws Exception {
    List<Double> seconds = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      List<String> command =
          new ArrayList<>(
              List.of(launcher.toString(), "status", id, "--address", server.address()));
      command.addAll(List.of(options));
      long began = System.nanoTime();
      Process status =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      assertEquals(true, status.waitFor(1, TimeUnit.MINUTES));
      assertEquals(0, status.exitValue());
      seconds.add((System.nanoTime() - began) / 1e9);
    }
    Collections.sort(seconds);
    System.out.println(name + " runs: " + runs);
    System.out.println(String.format(Locale.ROOT, "%s wall s: %.3f", name, seconds.get(runs / 2)));
    System.out.println(String.format(Locale.ROOT, "%s fastest wall s: %.3f", name, seconds.get(0)));
  }

  @Test
  void statusLatency() throws Exception {
    Path prefix = dir.resolve("cli");
    Path launcher = CiExampleIT.install(prefix);
    try (AppProcess worker = worker("cli-latency")) {
      String id = start(request("latency", "park"));
      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));
      report("cli status", RUNS, launcher, id, "--http-api", server.httpApi());
      report("cli status grpc", RUNS, launcher, id);
    }
  }
}
