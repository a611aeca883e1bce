package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ReleaseStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's Temporal CLI commands, run verbatim from the file the README shows, against the real
 * server.
 */
class TemporalCliIT extends RealServerTest {
  private static final Path SCRIPT = Repo.path("deploy", "temporal-cli", "release-checkout.sh");
  private static final Path README = Repo.path("README.md");

  @Test
  void readmeShowsTheScriptVerbatim() throws Exception {
    String script = Files.readString(SCRIPT);
    assertTrue(
        Files.readString(README).contains(script), "README.md must show " + SCRIPT + " verbatim");
  }

  @Test
  void temporalCliReleaseIsApprovedAndPromoted() throws Exception {
    try (AppProcess worker = worker("cli")) {
      Path out = dir.resolve("cli-script.out");
      ProcessBuilder pb =
          new ProcessBuilder("bash", SCRIPT.toString())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile());
      pb.environment().put("TEMPORAL_ADDRESS", server.address());
      pb.environment()
          .put(
              "PATH",
              Path.of(TemporalDevServer.binary()).getParent() + ":" + System.getenv("PATH"));
      Process p = pb.start();
      assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the script did not finish");
      String printed = Files.readString(out);
      assertEquals(0, p.exitValue(), printed);
      assertTrue(printed.contains("PROMOTED"), printed);

      ReleaseStatus status = release("checkout@staging").status();
      assertTrue(
          status.audit().stream()
              .anyMatch(e -> e.actor().equals("bob") && e.action().equals("approved")),
          status.audit().toString());
    }
  }
}
