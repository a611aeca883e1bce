package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwright.activities.traffic.unleash.Unleash;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code unleash} router is registered when its URL is set, and settings that could not work
 * stop the worker at start, naming the setting.
 */
class UnleashSettingsTest {
  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("ROLLWRIGHT_DEFAULTROUTER", Unleash.ROUTER);
    env.put("ROLLWRIGHT_PROMETHEUS_URL", "http://prometheus:9090");
    env.put("ROLLWRIGHT_DEFAULTMETRICS", "prometheus");
    env.put("ROLLWRIGHT_UNLEASH_URL", "https://unleash.example.com");
    env.put("ROLLWRIGHT_UNLEASH_TOKEN", "*:*.secret");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void aUrlAndTokenRegisterTheRouterAndItsCheck() {
    WorkerContext.withEnvironment(env("ROLLWRIGHT_UNLEASH_ONROLLBACK", "disable"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              RegisteredExtensions registered = context.getBean(RegisteredExtensions.class);
              assertThat(registered.routers()).containsKey(Unleash.ROUTER);
              assertThat(registered.preflightChecks()).anyMatch(c -> c.name().equals("unleash"));
            });
  }

  @Test
  void settingsThatCannotWorkStopTheWorkerNamingThem() {
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_UNLEASH_TOKEN", " "),
        "rollwright.unleash.token: an admin API token is required with the url");
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_UNLEASH_URL", "ftp://unleash.example.com"),
        "rollwright.unleash.url: 'ftp://unleash.example.com' is not an http(s) URL");
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_UNLEASH_ONROLLBACK", "delete"),
        "rollwright.unleash.on-rollback: 'delete' is not zero or disable");
  }
}
