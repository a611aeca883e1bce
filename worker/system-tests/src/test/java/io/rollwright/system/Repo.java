package io.rollwright.system;

import java.nio.file.Files;
import java.nio.file.Path;

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
