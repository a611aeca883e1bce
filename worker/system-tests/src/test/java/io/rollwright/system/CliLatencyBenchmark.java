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
 * new process several times against the real dev server; the median wall time is printed.
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class CliLatencyBenchmark extends RealServerTest {
  private static final int RUNS = Integer.getInteger("rollwright.bench.runs", 7);

  @Test
  void statusLatency() throws Exception {
    Path prefix = dir.resolve("cli");
    Path launcher = CiExampleIT.install(prefix);
    try (AppProcess worker = worker("cli-latency")) {
      String id = start(request("latency", "park"));
      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));
      List<Double> seconds = new ArrayList<>();
      for (int run = 0; run < RUNS; run++) {
        long began = System.nanoTime();
        Process status =
            new ProcessBuilder(launcher.toString(), "status", id, "--address", server.address())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertEquals(true, status.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, status.exitValue());
        seconds.add((System.nanoTime() - began) / 1e9);
      }
      Collections.sort(seconds);
      System.out.println("cli status runs: " + RUNS);
      System.out.println(
          String.format(Locale.ROOT, "cli status wall s: %.3f", seconds.get(RUNS / 2)));
      System.out.println(
          String.format(Locale.ROOT, "cli status fastest wall s: %.3f", seconds.get(0)));
    }
  }
}
