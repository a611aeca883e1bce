package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwright.activities.traffic.play.PlayConsole;
import io.rollwright.standins.PlayConsoleStandIn;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code play-console} router is registered when its credentials are set, and settings that
 * could not work stop the worker at start, naming the setting.
 */
class PlayConsoleSettingsTest {
  @TempDir Path dir;

  private PlayConsoleStandIn play;
  private Path key;

  @BeforeEach
  void setUp() throws Exception {
    play = new PlayConsoleStandIn();
    key = play.credentials(dir);
  }

  @AfterEach
  void tearDown() {
    play.close();
  }

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("ROLLWRIGHT_DEFAULTROUTER", PlayConsole.ROUTER);
    env.put("ROLLWRIGHT_PROMETHEUS_URL", "http://prometheus:9090");
    env.put("ROLLWRIGHT_DEFAULTMETRICS", "prometheus");
    env.put("ROLLWRIGHT_PLAYCONSOLE_CREDENTIALS", key.toString());
    env.put("ROLLWRIGHT_PLAYCONSOLE_APPS_MOBILE", "com.example.mobile");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void credentialsAndAppsRegisterTheRouterAndItsCheck() {
    WorkerContext.withEnvironment(env())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              RegisteredExtensions registered = context.getBean(RegisteredExtensions.class);
              assertThat(registered.routers()).containsKey(PlayConsole.ROUTER);
              assertThat(registered.workloads()).containsKey(PlayConsole.ROUTER);
              assertThat(registered.preflightChecks())
                  .anyMatch(c -> c.name().equals("play-console"));
            });
  }

  @Test
  void withoutCredentialsThereIsNoPlayRouter() {
    Map<String, String> env =
        env("ROLLWRIGHT_DEFAULTROUTER", "replica-ratio", "ROLLWRIGHT_KUBERNETES_ENABLED", "true");
    env.remove("ROLLWRIGHT_PLAYCONSOLE_CREDENTIALS");
    WorkerContext.withEnvironment(env)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(RegisteredExtensions.class).routers())
                  .containsKey("replica-ratio")
                  .doesNotContainKey(PlayConsole.ROUTER);
            });
  }

  @Test
  void settingsThatCannotWorkStopTheWorkerNamingThem() {
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_PLAYCONSOLE_CREDENTIALS", dir.resolve("missing.json").toString()),
        "rollwright.play-console.credentials: cannot read");
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_PLAYCONSOLE_APPS_MOBILE", "not a package"),
        "rollwright.play-console.apps.mobile: 'not a package' is not a package name");
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_PLAYCONSOLE_TESTINGTRACKS", "internal,production"),
        "rollwright.play-console.testing-tracks: 'production' is not a testing track name");
  }
}
