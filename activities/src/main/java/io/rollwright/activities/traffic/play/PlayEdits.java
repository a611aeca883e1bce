package io.rollwright.activities.traffic.play;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.androidpublisher.AndroidPublisher;
import com.google.api.services.androidpublisher.model.AppEdit;
import com.google.api.services.androidpublisher.model.Bundle;
import com.google.api.services.androidpublisher.model.Track;
import com.google.api.services.androidpublisher.model.TrackRelease;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One app's tracks through the Play Developer API's Edits: every read and change opens an edit, and
 * an edit that changed nothing is deleted rather than committed, so Play's history shows only real
 * changes. Errors name the app and what was asked: refusals (400, 401, 403, 404) are final,
 * anything else is retried by Temporal.
 */
final class PlayEdits {
  /** The tracks of one open edit, as read and as changed. */
  interface Changes {
    /** The releases of {@code track} in the edit. */
    List<TrackRelease> releases(String track) throws IOException;

    /** Replaces the releases of {@code track} in the edit. */
    void update(String track, List<TrackRelease> releases) throws IOException;

    /** The version codes of the bundles uploaded to the app. */
    Set<Long> bundles() throws IOException;
  }

  /** Work inside an edit. */
  interface Body<T> {
    T run(Changes edit) throws IOException;
  }

  private final AndroidPublisher api;

  PlayEdits(AndroidPublisher api) {
    this.api = api;
  }

  /** Runs {@code body} in a new edit of {@code app}; commits it if the body updated a track. */
  <T> T edit(String app, String what, Body<T> body) {
    try {
      AppEdit edit = api.edits().insert(app, null).execute();
      Open open = new Open(app, edit.getId());
      boolean done = false;
      try {
        T result = body.run(open);
        if (open.changed) {
          api.edits().commit(app, edit.getId()).execute();
          done = true;
        }
        return result;
      } finally {
        if (!done) {
          api.edits().delete(app, edit.getId()).execute();
        }
      }
    } catch (GoogleJsonResponseException e) {
      throw refused(app, what, e);
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          what + " of " + app + ": Play Developer API unreachable: " + e.getMessage(), "PlayApi");
    }
  }

  private RuntimeException refused(String app, String what, GoogleJsonResponseException e) {
    String message = e.getDetails() == null ? e.getStatusMessage() : e.getDetails().getMessage();
    String text = what + " of " + app + ": Play Developer API answered " + e.getStatusCode();
    return switch (e.getStatusCode()) {
      case 400, 401, 403, 404 ->
          ApplicationFailure.newNonRetryableFailure(text + ": " + message, "PlayRefused");
      default -> ApplicationFailure.newFailure(text + ": " + message, "PlayApi");
    };
  }

  private final class Open implements Changes {
    private final String app;
    private final String id;
    private final Map<String, List<TrackRelease>> read = new HashMap<>();
    private boolean changed;

    Open(String app, String id) {
      this.app = app;
      this.id = id;
    }

    @Override
    public List<TrackRelease> releases(String track) throws IOException {
      List<TrackRelease> known = read.get(track);
      if (known == null) {
        List<TrackRelease> got = api.edits().tracks().get(app, id, track).execute().getReleases();
        known = got == null ? List.of() : List.copyOf(got);
        read.put(track, known);
      }
      return known;
    }

    @Override
    public void update(String track, List<TrackRelease> releases) throws IOException {
      api.edits()
          .tracks()
          .update(app, id, track, new Track().setTrack(track).setReleases(releases))
          .execute();
      read.put(track, List.copyOf(releases));
      changed = true;
    }

    @Override
    public Set<Long> bundles() throws IOException {
      List<Bundle> got = api.edits().bundles().list(app, id).execute().getBundles();
      return got == null
          ? Set.of()
          : got.stream().map(b -> (long) b.getVersionCode()).collect(Collectors.toSet());
    }
  }
}
