package io.rollwright.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The worker's default traffic router and metric provider: both must be set, each to one the worker
 * registers. There is no fallback: a canary analysed by the wrong provider looks healthy.
 *
 * @param router the traffic router of policies that name none
 * @param metrics the metric provider of policies that name none
 */
record DefaultProviders(String router, String metrics) {
  static final String ROUTER = "rollwright.default-router";
  static final String METRICS = "rollwright.default-metrics";
  static final String HOW_TO_REGISTER =
      "Set "
          + setting(ROUTER)
          + " and "
          + setting(METRICS)
          + " to registered names."
          + " The traffic routers replica-ratio, gateway-api and nginx-ingress are registered when "
          + setting("rollwright.kubernetes.enabled")
          + " is true; the metric provider prometheus when "
          + setting("rollwright.prometheus.url")
          + " is set. The sandbox (no cluster, synthetic metrics: for trying"
          + " Rollwright out, never for real releases) is not part of this worker: 'java -jar rollwright-demo.jar worker'"
          + " is a worker on the sandbox.";

  /**
   * The defaults the settings name; else throws an {@link InvalidSettingsException} naming each
   * setting at fault and what is registered.
   */
  static DefaultProviders require(RollwrightProperties props, RegisteredExtensions registered) {
    List<String> problems = new ArrayList<>();
    check(ROUTER, "traffic router", props.defaultRouter(), registered.routers().keySet(), problems);
    check(
        METRICS,
        "metric provider",
        props.defaultMetrics(),
        registered.providers().keySet(),
        problems);
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems, HOW_TO_REGISTER);
    }
    return new DefaultProviders(props.defaultRouter(), props.defaultMetrics());
  }

  private static void check(
      String property, String kind, String value, Set<String> registered, List<String> problems) {
    String known =
        "Registered "
            + kind
            + "s: "
            + (registered.isEmpty() ? "none" : String.join(", ", new TreeSet<>(registered)))
            + ".";
    if (value == null || value.isBlank()) {
      problems.add(
          setting(property) + " is not set: the worker has no default " + kind + ". " + known);
    } else if (!registered.contains(value)) {
      problems.add(
          setting(property)
              + " is '"
              + value
              + "', which is not a registered "
              + kind
              + ". "
              + known);
    }
  }

  /**
   * A property with its environment variable, e.g. {@code rollwright.default-router
   * (ROLLWRIGHT_DEFAULTROUTER)}.
   */
  static String setting(String property) {
    return property
        + " ("
        + property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT)
        + ")";
  }
}
