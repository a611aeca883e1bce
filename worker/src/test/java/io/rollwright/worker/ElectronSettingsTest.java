package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwright.activities.traffic.electron.Electron;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code electron} router is registered when its token is set, and settings that could not work
 * stop the worker at start, naming the setting.
 */
class ElectronSettingsTest {
  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("ROLLWRIGHT_DEFAULTROUTER", Electron.ROUTER);
    env.put("ROLLWRIGHT_PROMETHEUS_URL", "http://prometheus:9090");
    env.put("ROLLWRIGHT_DEFAULTMETRICS", "prometheus");
    env.put("ROLLWRIGHT_ELECTRON_TOKEN", "ghs_secret");
    env.put("ROLLWRIGHT_ELECTRON_REPOSITORIES_DESKTOP", "example/desktop");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void aTokenAndRepositoriesRegisterTheRouterAndItsCheck() {
    WorkerContext.withEnvironment(env())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              RegisteredExtensions registered = context.getBean(RegisteredExtensions.class);
              assertThat(registered.routers()).containsKey(Electron.ROUTER);
              assertThat(registered.preflightChecks()).anyMatch(c -> c.name().equals("electron"));
            });
  }

  @Test
  void aRepositoryThatIsNotOwnerSlashNameStopsTheWorkerNamingIt() {
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_ELECTRON_REPOSITORIES_DESKTOP", "https://github.com/example/desktop"),
        "rollwright.electron.repositories.desktop: 'https://github.com/example/desktop' is not a"
            + " repository (owner/name)");
  }
}
