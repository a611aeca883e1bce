package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: the demo jar runs two releases on its embedded Temporal service and
 * exits 0.
 */
class DemoIT {

  @Test
  void theDemoPromotesOneReleaseRollsBackTheOtherAndExitsZero(@TempDir Path dir) throws Exception {
    Path jar = Repo.path("starter", "demo", "target", "rollwright-demo.jar");
    assertTrue(
        Files.exists(jar), jar + " is missing: these tests run after 'package' (./mvnw verify)");
    Path out = dir.resolve("demo.out");
    Process demo =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    jar.toString()))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    try {
      assertTrue(demo.waitFor(3, TimeUnit.MINUTES), "the demo did not finish in 3 minutes");
    } finally {
      demo.destroyForcibly();
    }
    String printed = Files.readString(out);
    assertEquals(0, demo.exitValue(), printed);
    assertTrue(printed.contains("Demo complete: checkout PROMOTED, payments ROLLED_BACK"), printed);
    assertTrue(
        printed.contains("⛔ Refused approve from ci-bot"),
        "the requester's own approval is refused: " + printed);
  }
}
