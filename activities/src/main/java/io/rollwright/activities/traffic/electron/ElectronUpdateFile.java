package io.rollwright.activities.traffic.electron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * An electron-updater update file ({@code latest.yml}, {@code latest-mac.yml}, {@code
 * latest-linux.yml}) and its {@code stagingPercentage}: the share of installs that take the update,
 * none meaning all. Pure: text in, text out, every other field kept as electron-builder wrote it.
 */
final class ElectronUpdateFile {
  /** The names electron-builder gives update files of the default channel. */
  static final Pattern NAME = Pattern.compile("latest(-[a-z0-9]+)?\\.yml");

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  private ElectronUpdateFile() {}

  /** The file's staging percentage: 100 when it has none. */
  static int percentage(String text) {
    JsonNode staging = read(text).path("stagingPercentage");
    return staging.isMissingNode() || staging.isNull() ? 100 : staging.asInt();
  }

  /** The file's version. */
  static String version(String text) {
    return read(text).path("version").asText();
  }

  /** The file staged to {@code percent}; at 100 without {@code stagingPercentage}. */
  static String staged(String text, int percent) {
    ObjectNode yaml = read(text);
    if (percent >= 100) {
      yaml.remove("stagingPercentage");
    } else {
      yaml.put("stagingPercentage", percent);
    }
    try {
      return YAML.writeValueAsString(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode read(String text) {
    try {
      JsonNode node = YAML.readTree(text);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not an update file: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("not an update file: not a YAML mapping");
  }
}
