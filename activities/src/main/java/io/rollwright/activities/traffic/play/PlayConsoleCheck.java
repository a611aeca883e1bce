package io.rollwright.activities.traffic.play;

import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.PreflightSettings;
import io.temporal.failure.ApplicationFailure;

/**
 * {@code play-console}: a release through the Play Console router can run. The service has an app,
 * the image is a version code, the worker's account can open an edit of the app, the bundle is
 * uploaded, and its version code is above the production track's live one (Play offers users only
 * higher version codes, so an older build cannot be released again: build it anew). A release
 * through another router passes.
 */
final class PlayConsoleCheck implements PreflightCheck {
  private final PlayEdits edits;
  private final PlayApps apps;

  PlayConsoleCheck(PlayEdits edits, PlayApps apps) {
    this.edits = edits;
    this.apps = apps;
  }

  @Override
  public String name() {
    return "play-console";
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings settings) {
    TrafficTarget t = TrafficTarget.of(release.request(), release.policy().router());
    if (!PlayConsole.ROUTER.equals(t.router())) {
      return new PreflightResult(name(), true, "not released through " + PlayConsole.ROUTER);
    }
    String app = apps.appOrNull(t);
    if (app == null) {
      return failed("no app for service " + t.service() + " (rollwright.play-console.apps)");
    }
    long code;
    try {
      code = PlayApps.versionCode(t);
    } catch (ApplicationFailure e) {
      return failed(e.getOriginalMessage());
    }
    try {
      return edits.edit(
          app,
          "checking version code " + code,
          e -> {
            if (!e.bundles().contains(code)) {
              return failed("no bundle with version code " + code + " is uploaded to " + app);
            }
            Long live = PlayRollout.live(e.releases(apps.productionTrack()));
            if (live != null && live > code) {
              return failed(
                  "version code "
                      + code
                      + " is below "
                      + live
                      + ", live on "
                      + apps.productionTrack()
                      + " of "
                      + app
                      + ": Play offers users only higher version codes");
            }
            return new PreflightResult(
                name(),
                true,
                "bundle " + code + " uploaded to " + app + (live == null ? "" : "; live: " + live));
          });
    } catch (ApplicationFailure e) {
      if (e.isNonRetryable()) {
        return failed(e.getOriginalMessage());
      }
      throw e;
    }
  }

  private PreflightResult failed(String why) {
    return new PreflightResult(name(), false, why);
  }
}
