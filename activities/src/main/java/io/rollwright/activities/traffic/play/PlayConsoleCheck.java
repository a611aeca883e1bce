package io.rollwright.activities.traffic.play;

import com.google.api.services.androidpublisher.model.TrackRelease;
import io.rollwright.activities.traffic.RouterCheck;
import io.rollwright.api.TrafficTarget;
import java.util.List;

/**
 * {@code play-console}: a release through the Play Console router can run. The service has an app,
 * the image is a version code, the worker's account can open an edit of the app, the bundle is
 * uploaded, and its version code is not below the production track's live one (Play offers users
 * only higher version codes, so an older build cannot be released again: build it anew), and no
 * other version is being rolled out there (the new release would silently replace it).
 */
final class PlayConsoleCheck extends RouterCheck {
  private final PlayEdits edits;
  private final PlayApps apps;

  PlayConsoleCheck(PlayEdits edits, PlayApps apps) {
    super(PlayConsole.ROUTER);
    this.edits = edits;
    this.apps = apps;
  }

  @Override
  protected String check(TrafficTarget t) {
    String app = apps.app(t);
    long code = PlayApps.versionCode(t);
    return edits.edit(
        app,
        "checking version code " + code,
        e -> {
          if (!e.bundles().contains(code)) {
            throw refused("no bundle with version code " + code + " is uploaded to " + app);
          }
          List<TrackRelease> production = e.releases(apps.productionTrack());
          Long other = PlayRollout.inProgressOther(production, code);
          if (other != null) {
            throw refused(
                "version code "
                    + other
                    + " is being rolled out on "
                    + apps.productionTrack()
                    + " of "
                    + app
                    + ": halt or complete it first (a new release would replace it)");
          }
          Long live = PlayRollout.live(production);
          if (live != null && live > code) {
            throw refused(
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
          return "bundle " + code + " uploaded to " + app + (live == null ? "" : "; live: " + live);
        });
  }
}
