package io.rollwright.activities.traffic.play;

import io.rollwright.api.TrafficTarget;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which Play app each service is and which tracks its releases pass: {@code apps} maps a service to
 * its package name; {@code testingTracks} (for example {@code internal}, {@code alpha} for closed
 * testing, {@code beta} for open testing) get the version before the staged rollout on {@code
 * productionTrack}. A release's image is the version code of the bundle it releases.
 */
public record PlayApps(
    Map<String, String> apps, List<String> testingTracks, String productionTrack) {
  private static final Pattern VERSION_CODE = Pattern.compile("[1-9][0-9]{0,9}");
  private static final long MAX_VERSION_CODE = 2_100_000_000L;

  public PlayApps {
    apps = Map.copyOf(apps);
    testingTracks = List.copyOf(testingTracks);
  }

  /** The package name of the target's service, or a final failure naming the setting. */
  String app(TrafficTarget t) {
    String app = apps.get(t.service());
    if (app == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "play-console: no app for service " + t.service() + " (rollwright.play-console.apps)",
          "PlayNotConfigured");
    }
    return app;
  }

  /** The version code the target's image names, or a final failure saying what it must be. */
  static long versionCode(TrafficTarget t) {
    String image = t.image();
    if (image == null
        || !VERSION_CODE.matcher(image).matches()
        || Long.parseLong(image) > MAX_VERSION_CODE) {
      throw ApplicationFailure.newNonRetryableFailure(
          "play-console releases the bundle whose version code is the request's image: '"
              + image
              + "' is not a version code (a whole number from 1 to "
              + MAX_VERSION_CODE
              + ")",
          "InvalidVersionCode");
    }
    return Long.parseLong(image);
  }
}
