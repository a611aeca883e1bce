package io.rollwright.demo;

import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.sandbox.Sandbox;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.client.Trains;
import io.temporal.client.WorkflowClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Seed 001's release of one version to three platforms, as a train: the web through Firebase
 * Hosting's alpha and beta channels to live, then the desktop app through its GitHub prerelease and
 * staged update files, then the Android app through the Play Console's testing tracks and staged
 * rollout, each judged by its own checks (crash-free rate for the apps). The Android app's
 * crash-free rate drops at 25%: its rollout is halted, and the train keeps what it promoted.
 */
final class PlatformsDemo {
  static final String VERSION = "2.5.0";

  private PlatformsDemo() {}

  static int run(
      WorkflowClient client, Sandbox sandbox, PlatformStandIns platforms, PrintStream out) {
    sandbox.metrics().script("desktop", Track.CANARY, "crash-free-rate", "0.997");
    sandbox.metrics().script("mobile", Track.CANARY, "crash-free-rate", "0.998, 5s: 0.962");
    TrainRequest train =
        new TrainRequest(
            "storefront",
            "demo",
            DemoConfiguration.REQUESTER,
            "seed 001: storefront " + VERSION + " on the web, the desktop and Android",
            "demo-storefront",
            List.of(
                new TrainRequest.Release("web", VERSION, "v250", "web", null, List.of()),
                new TrainRequest.Release(
                    "desktop",
                    VERSION,
                    "github:" + PlatformStandIns.REPOSITORY,
                    "desktop",
                    null,
                    List.of("web")),
                new TrainRequest.Release(
                    "mobile", VERSION, "250", "mobile", null, List.of("desktop"))),
            TrainRequest.KEEP);
    return DemoEnd.of(
        out,
        () -> {
          out.println(
              "== storefront " + VERSION + " to the web, the desktop and Android, in turn ==");
          platforms.summary().forEach(line -> out.println("  before: " + line));
          Trains trains = new Trains(client);
          trains.start(train);
          TrainResult result = trains.follow(train.trainId(), out::println, Duration.ofMillis(200));
          platforms.steps().forEach(line -> out.println("  " + line));
          platforms.summary().forEach(line -> out.println("  after: " + line));
          Map<String, ReleaseOutcome> outcomes =
              result.releases().stream()
                  .filter(c -> c.outcome() != null)
                  .collect(Collectors.toMap(TrainResult.Car::service, TrainResult.Car::outcome));
          return new DemoEnd(
              outcomes.get("web") == ReleaseOutcome.PROMOTED
                  && outcomes.get("desktop") == ReleaseOutcome.PROMOTED
                  && outcomes.get("mobile") == ReleaseOutcome.ROLLED_BACK
                  && "v250".equals(platforms.firebase.served(PlatformStandIns.SITE, "live"))
                  && "v2.5.0".equals(platforms.github.latest(PlatformStandIns.REPOSITORY))
                  && platforms
                      .play
                      .track(PlatformStandIns.APP, "production")
                      .equals(List.of("completed [240]", "halted [250] 0.25")),
              "web "
                  + outcomes.get("web")
                  + ", desktop "
                  + outcomes.get("desktop")
                  + ", mobile "
                  + outcomes.get("mobile"));
        });
  }
}
