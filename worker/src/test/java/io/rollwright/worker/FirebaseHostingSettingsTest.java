package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwright.activities.traffic.firebase.FirebaseHosting;
import io.rollwright.standins.FirebaseHostingStandIn;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code firebase-hosting} router is registered when its credentials are set, and settings that
 * could not work stop the worker at start, naming the setting.
 */
class FirebaseHostingSettingsTest {
  @TempDir Path dir;

  private FirebaseHostingStandIn hosting;
  private Path key;

  @BeforeEach
  void setUp() throws Exception {
    hosting = new FirebaseHostingStandIn();
    key = hosting.credentials(dir);
  }

  @AfterEach
  void tearDown() {
    hosting.close();
  }

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("ROLLWRIGHT_DEFAULTROUTER", FirebaseHosting.ROUTER);
    env.put("ROLLWRIGHT_PROMETHEUS_URL", "http://prometheus:9090");
    env.put("ROLLWRIGHT_DEFAULTMETRICS", "prometheus");
    env.put("ROLLWRIGHT_FIREBASEHOSTING_CREDENTIALS", key.toString());
    env.put("ROLLWRIGHT_FIREBASEHOSTING_SITES_WEB", "example-web");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void credentialsAndSitesRegisterTheRouterAndItsCheck() {
    WorkerContext.withEnvironment(env())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              RegisteredExtensions registered = context.getBean(RegisteredExtensions.class);
              assertThat(registered.routers()).containsKey(FirebaseHosting.ROUTER);
              assertThat(registered.workloads()).containsKey(FirebaseHosting.ROUTER);
              assertThat(registered.preflightChecks())
                  .anyMatch(c -> c.name().equals("firebase-hosting"));
            });
  }

  @Test
  void withoutCredentialsThereIsNoFirebaseRouter() {
    Map<String, String> env =
        env("ROLLWRIGHT_DEFAULTROUTER", "replica-ratio", "ROLLWRIGHT_KUBERNETES_ENABLED", "true");
    env.remove("ROLLWRIGHT_FIREBASEHOSTING_CREDENTIALS");
    WorkerContext.withEnvironment(env)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(RegisteredExtensions.class).routers())
                  .doesNotContainKey(FirebaseHosting.ROUTER);
            });
  }

  @Test
  void settingsThatCannotWorkStopTheWorkerNamingThem() {
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_FIREBASEHOSTING_CREDENTIALS", dir.resolve("missing.json").toString()),
        "rollwright.firebase-hosting.credentials: cannot read");
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_FIREBASEHOSTING_SITES_WEB", "Example Web"),
        "rollwright.firebase-hosting.sites.web: 'Example Web' is not a site ID");
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_FIREBASEHOSTING_CHANNELS", "alpha,live"),
        "rollwright.firebase-hosting.channels: 'live' is not a preview channel ID");
    WorkerContext.assertFailsSaying(
        env("ROLLWRIGHT_FIREBASEHOSTING_CHANNELTTL", "60d"),
        "rollwright.firebase-hosting.channel-ttl: PT1440H is not between 1 hour and 30 days");
  }
}
