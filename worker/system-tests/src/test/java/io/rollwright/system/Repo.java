package io.rollwright.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Paths in this repository, wherever Maven runs the tests from. */
final class Repo {
  private static final Path ROOT = find();

  private Repo() {}

  /** The repository's top folder (the one holding {@code mvnw}). */
  static Path root() {
    return ROOT;
  }

  /** {@code first/more…} under the repository's top folder. */
  static Path path(String first, String... more) {
    return ROOT.resolve(Path.of(first, more));
  }

  /**
   * Runs the repository's script {@code script} (which prints a folder as its last line), its
   * errors in {@code log}, and returns that folder. When it fails saying {@code missingTool} (a
   * tool this machine lacks), the test is skipped, except in CI, where it fails.
   */
  static Path runScript(String script, Path log, String missingTool) throws Exception {
    Process p =
        new ProcessBuilder("bash", ROOT.resolve(script).toString())
            .redirectError(log.toFile())
            .redirectOutput(ProcessBuilder.Redirect.PIPE)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0 || out.isEmpty()) {
      String said = Files.readString(log).strip();
      String why = script + " failed (exit " + p.exitValue() + "): " + said;
      if (!said.contains(missingTool) || "true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(why);
      }
      Assumptions.abort(why);
    }
    return Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
  }

  private static Path find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("workflows"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "not inside the Rollwright repository: " + Path.of("").toAbsolutePath());
  }
}
