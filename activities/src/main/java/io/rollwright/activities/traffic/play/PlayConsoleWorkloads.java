package io.rollwright.activities.traffic.play;

import io.rollwright.activities.traffic.InPlaceWorkloads;
import io.rollwright.api.TrafficTarget;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * A Play app's versions: the bundle is uploaded by the build, so the "canary" is the version
 * released to the testing tracks, and "stable" is the production track's completed release. Play
 * keeps no previous version serving beside a completed one, so there is nothing to idle or wake;
 * taking the new version back is halting it, and users who have not updated stay on the previous
 * release.
 */
final class PlayConsoleWorkloads extends InPlaceWorkloads {
  private final PlayEdits edits;
  private final PlayApps apps;
  private final PlayConsoleRouter router;

  PlayConsoleWorkloads(PlayEdits edits, PlayApps apps, PlayConsoleRouter router) {
    super(router);
    this.edits = edits;
    this.apps = apps;
    this.router = router;
  }

  /** Releases the uploaded bundle to each testing track, completed, in one edit. */
  @Override
  public void deployCanary(TrafficTarget t) {
    long code = PlayApps.versionCode(t);
    String app = apps.app(t);
    edits.edit(
        app,
        "releasing version code " + code + " to " + apps.testingTracks(),
        e -> {
          if (!e.bundles().contains(code)) {
            throw ApplicationFailure.newNonRetryableFailure(
                "no bundle with version code " + code + " is uploaded to " + app, "BundleNotFound");
          }
          for (String track : apps.testingTracks()) {
            if (!PlayRollout.completed(e.releases(track), code)) {
              e.update(
                  track,
                  List.of(PlayRollout.release(code, PlayRollout.COMPLETED, null, t.version())));
            }
          }
          return null;
        });
  }

  /** Halts the version on production, staged or completed: no more users get it. */
  @Override
  public void withdrawCanary(TrafficTarget t) {
    router.halt(t, true);
  }
}
