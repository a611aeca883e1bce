package io.rollwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

class CliDefaultsTest {
  @TempDir Path dir;

  private static OptionSpec option(String name) {
    return OptionSpec.builder(name).type(String.class).build();
  }

  @Test
  void environmentThenConfigFileThenBuiltIn() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("config.properties"),
            "address=temporal.example:7233\nnamespace=releases\n");
    Map<String, String> env =
        Map.of("ROLLWRIGHT_CONFIG", config.toString(), "TEMPORAL_NAMESPACE", "from-env");
    CliDefaults defaults = new CliDefaults(env::get);

    assertEquals(
        "temporal.example:7233",
        defaults.defaultValue(option("--address")),
        "from the config file");
    assertEquals(
        "from-env",
        defaults.defaultValue(option("--namespace")),
        "the environment wins over the file");
    assertNull(defaults.defaultValue(option("--ui")), "neither: the option's own default applies");
    assertEquals(System.getProperty("user.name"), defaults.defaultValue(option("--as")));
  }

  @Test
  void aConfigFileNamedButMissingIsAnError() {
    CliDefaults defaults =
        new CliDefaults(
            Map.of("ROLLWRIGHT_CONFIG", dir.resolve("nope.properties").toString())::get);
    java.io.IOException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.io.IOException.class, () -> defaults.defaultValue(option("--address")));
    assertEquals(
        "ROLLWRIGHT_CONFIG names " + dir.resolve("nope.properties") + ", which is not a file",
        e.getMessage());
  }
}
