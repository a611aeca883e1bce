package io.rollwright.activities.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Policy files shipped inside the application, under a resource prefix such as {@code
 * rollwright/presets/}.
 */
public final class ClasspathPolicyFiles implements PolicyFiles {
  private final String prefix;

  public ClasspathPolicyFiles(String prefix) {
    this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
  }

  @Override
  public Optional<String> read(String name) {
    try (InputStream in =
        ClasspathPolicyFiles.class.getClassLoader().getResourceAsStream(prefix + name + ".yaml")) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String describe(String name) {
    return "classpath:" + prefix + name + ".yaml";
  }
}
