package io.rollwright.activities.traffic.play;

import com.google.api.services.androidpublisher.model.TrackRelease;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.api.TrafficTarget;
import java.util.List;

/**
 * A stage's weight as the Play production track's staged rollout: the release's version code {@code
 * inProgress} to that fraction of users, {@code completed} at 100%, {@code halted} when the routes
 * are removed; a halted release set to a weight again is resumed.
 */
final class PlayConsoleRouter implements TrafficRouter {
  private final PlayEdits edits;
  private final PlayApps apps;

  PlayConsoleRouter(PlayEdits edits, PlayApps apps) {
    this.edits = edits;
    this.apps = apps;
  }

  @Override
  public double setWeight(TrafficTarget t, double weight) {
    long code = PlayApps.versionCode(t);
    String track = apps.productionTrack();
    return edits.edit(
        apps.app(t),
        "staged rollout of version code " + code + " to " + weight + "%",
        e -> {
          List<TrackRelease> now = e.releases(track);
          List<TrackRelease> next = PlayRollout.staged(now, code, weight, t.version());
          if (!PlayRollout.shape(next).equals(PlayRollout.shape(now))) {
            e.update(track, next);
          }
          return PlayRollout.weightOf(next, code);
        });
  }

  @Override
  public double verifyWeight(TrafficTarget t) {
    long code = PlayApps.versionCode(t);
    return edits.edit(
        apps.app(t),
        "reading the " + apps.productionTrack() + " track",
        e -> PlayRollout.weightOf(e.releases(apps.productionTrack()), code));
  }

  /**
   * Halts the release while it is staged; a completed one is left to {@link PlayConsoleWorkloads}.
   */
  @Override
  public void removeManagedRoutes(TrafficTarget t) {
    halt(t, false);
  }

  /** Halts the release if it is staged, or also if completed when {@code completedToo}. */
  void halt(TrafficTarget t, boolean completedToo) {
    long code = PlayApps.versionCode(t);
    String track = apps.productionTrack();
    edits.edit(
        apps.app(t),
        "halting version code " + code,
        e -> {
          List<TrackRelease> now = e.releases(track);
          List<TrackRelease> halted = PlayRollout.halted(now, code);
          if (halted != null && (completedToo || !PlayRollout.completed(now, code))) {
            e.update(track, halted);
          }
          return null;
        });
  }
}
