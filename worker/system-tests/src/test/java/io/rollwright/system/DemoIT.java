package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, and its platforms option: the demo jar runs its releases on its
 * embedded Temporal service and exits 0.
 */
class DemoIT {
  @TempDir Path dir;

  @Test
  void theDemoPromotesOneReleaseRollsBackTheOtherAndExitsZero() throws Exception {
    String printed = demo();
    assertTrue(printed.contains("Demo complete: checkout PROMOTED, payments ROLLED_BACK"), printed);
    assertTrue(
        printed.contains("⛔ Refused approve from ci-bot"),
        "the requester's own approval is refused: " + printed);
  }

  @Test
  void thePlatformsDemoReleasesTheWebAndDesktopAndHaltsAndroid() throws Exception {
    String printed = demo("platforms");
    assertTrue(
        printed.contains("Demo complete: web PROMOTED, desktop PROMOTED, mobile ROLLED_BACK"),
        printed);
    assertTrue(
        printed.contains(
            "after: web (Firebase Hosting): live serves v250; preview channel alpha serves v250"),
        printed);
    assertTrue(printed.contains("after: desktop (GitHub releases): latest is v2.5.0"), printed);
    assertTrue(
        printed.contains(
            "{completed [240], inProgress [250] 0.25} → {completed [240], halted [250]"),
        "Android halted at 25%: " + printed);
    assertTrue(printed.contains("mobile@demo 2.5.0: rolled back — crash-free-rate"), printed);
  }

  /** Runs the demo jar with {@code args}; what it printed, once it exited 0. */
  private String demo(String... args) throws Exception {
    Path jar = Repo.path("starter", "demo", "target", "rollwright-demo.jar");
    assertTrue(
        Files.exists(jar), jar + " is missing: these tests run after 'package' (./mvnw verify)");
    Path out = dir.resolve("demo" + String.join("-", args) + ".out");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    Process demo =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertTrue(demo.waitFor(3, TimeUnit.MINUTES), "the demo did not finish in 3 minutes");
    } finally {
      demo.destroyForcibly();
    }
    String printed = Files.readString(out);
    assertEquals(0, demo.exitValue(), printed);
    return printed;
  }
}
