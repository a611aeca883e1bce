package io.rollwright.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where options not given on the command line come from: an environment variable, else the config
 * file ({@code $ROLLWRIGHT_CONFIG}, default {@code ~/.config/rollwright/config.properties}, keys
 * named like the options without dashes: {@code address=temporal.example:7233}), else the built-in
 * default.
 */
public final class CliDefaults implements IDefaultValueProvider {
  static final Map<String, String> ENVIRONMENT =
      Map.ofEntries(
          Map.entry("address", "TEMPORAL_ADDRESS"),
          Map.entry("namespace", "TEMPORAL_NAMESPACE"),
          Map.entry("api-key", "TEMPORAL_API_KEY"),
          Map.entry("tls-cert", "TEMPORAL_TLS_CERT"),
          Map.entry("tls-key", "TEMPORAL_TLS_KEY"),
          Map.entry("ui", "ROLLWRIGHT_UI"),
          Map.entry("http-api", "ROLLWRIGHT_HTTP_API"),
          Map.entry("ledger", "ROLLWRIGHT_LEDGER_URL"),
          Map.entry("as", "ROLLWRIGHT_USER"),
          Map.entry("requested-by", "ROLLWRIGHT_USER"));

  private final UnaryOperator<String> env;
  private Properties file;

  public CliDefaults() {
    this(System::getenv);
  }

  CliDefaults(UnaryOperator<String> env) {
    this.env = env;
  }

  @Override
  public String defaultValue(ArgSpec arg) throws IOException {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    String key = option.longestName().replaceFirst("^--", "");
    String variable = ENVIRONMENT.get(key);
    String fromEnv = variable == null ? null : env.apply(variable);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    String fromFile = config().getProperty(key);
    if (fromFile != null) {
      return fromFile;
    }
    return key.equals("as") || key.equals("requested-by") ? System.getProperty("user.name") : null;
  }

  private Properties config() throws IOException {
    if (file == null) {
      file = new Properties();
      String configured = env.apply("ROLLWRIGHT_CONFIG");
      Path path =
          configured != null && !configured.isBlank()
              ? Path.of(configured)
              : Path.of(
                  System.getProperty("user.home"), ".config", "rollwright", "config.properties");
      if (Files.isRegularFile(path)) {
        try (Reader in = Files.newBufferedReader(path)) {
          file.load(in);
        }
      } else if (configured != null && !configured.isBlank()) {
        throw new IOException("ROLLWRIGHT_CONFIG names " + path + ", which is not a file");
      }
    }
    return file;
  }
}
