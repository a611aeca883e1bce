package io.rollwright.activities.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Policy files in a directory, one per service or shared policy: {@code <dir>/<name>.yaml}. */
public final class DirectoryPolicyFiles implements PolicyFiles {
  private final Path dir;

  public DirectoryPolicyFiles(Path dir) {
    this.dir = dir;
  }

  @Override
  public Optional<String> read(String name) {
    Path file = dir.resolve(name + ".yaml");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy file " + file, e);
    }
  }

  @Override
  public String describe(String name) {
    return dir.resolve(name + ".yaml").toString();
  }
}
