package io.rollwright.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * When a commit was made, asked of {@code git} in the current directory (as CI checkouts have it).
 */
final class GitCommitTime {
  private GitCommitTime() {}

  /**
   * The committer time of {@code ref}, or empty where there is no git, no repository, or no such
   * commit.
   */
  static Optional<Instant> of(String ref) {
    try {
      Process git =
          new ProcessBuilder("git", "show", "-s", "--format=%cI", ref, "--")
              .redirectErrorStream(false)
              .start();
      git.getOutputStream().close();
      if (!git.waitFor(3, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return Optional.empty();
      }
      String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.exitValue() == 0 && !text.isEmpty()
          ? Optional.of(OffsetDateTime.parse(text.lines().findFirst().orElseThrow()).toInstant())
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
