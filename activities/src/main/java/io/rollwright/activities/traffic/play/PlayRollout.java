package io.rollwright.activities.traffic.play;

import com.google.api.services.androidpublisher.model.TrackRelease;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Play track's releases become at each step of a staged rollout of one version code: the
 * release that users are on ({@code completed}) stays while the new one is {@code inProgress} to a
 * fraction of them; at 100% the new one is {@code completed} alone; a rollback {@code halted} it.
 * Pure: it reads and returns track releases, the Edits API applies them.
 */
final class PlayRollout {
  static final String COMPLETED = "completed";
  static final String IN_PROGRESS = "inProgress";
  static final String HALTED = "halted";

  private PlayRollout() {}

  /** The percentage of users {@code versionCode} is offered to on a track with {@code releases}. */
  static double weightOf(List<TrackRelease> releases, long versionCode) {
    TrackRelease r = find(releases, versionCode);
    if (r == null || HALTED.equals(r.getStatus())) {
      return 0;
    }
    if (IN_PROGRESS.equals(r.getStatus())) {
      return r.getUserFraction() == null ? 0 : Math.round(r.getUserFraction() * 1e8) / 1e6;
    }
    return COMPLETED.equals(r.getStatus()) ? 100 : 0;
  }

  /** Whether {@code versionCode} is the track's completed release. */
  static boolean completed(List<TrackRelease> releases, long versionCode) {
    TrackRelease r = find(releases, versionCode);
    return r != null && COMPLETED.equals(r.getStatus());
  }

  /**
   * The releases that offer {@code versionCode} to {@code weight} percent of users: {@code
   * inProgress} with that fraction next to the completed release of another version (a halted
   * release is resumed so), {@code completed} alone at 100%, and {@code halted} at 0 when it was
   * offered.
   */
  static List<TrackRelease> staged(
      List<TrackRelease> releases, long versionCode, double weight, String name) {
    if (weight >= 100) {
      return List.of(release(versionCode, COMPLETED, null, name));
    }
    List<TrackRelease> next = new ArrayList<>(others(releases, versionCode));
    TrackRelease current = find(releases, versionCode);
    if (weight > 0) {
      next.add(release(versionCode, IN_PROGRESS, weight / 100, name));
    } else if (current != null) {
      next.add(release(versionCode, HALTED, current.getUserFraction(), name));
    }
    return next;
  }

  /**
   * The releases with {@code versionCode} halted: no more users get it, whether it was in progress
   * or completed; null when it is not live (absent or halted already), so nothing changes.
   */
  static List<TrackRelease> halted(List<TrackRelease> releases, long versionCode) {
    TrackRelease current = find(releases, versionCode);
    if (current == null || HALTED.equals(current.getStatus())) {
      return null;
    }
    List<TrackRelease> next = new ArrayList<>(others(releases, versionCode));
    Double fraction = IN_PROGRESS.equals(current.getStatus()) ? current.getUserFraction() : null;
    next.add(release(versionCode, HALTED, fraction, current.getName()));
    return next;
  }

  /** The version code of another release in progress on the track, or null. */
  static Long inProgressOther(List<TrackRelease> releases, long versionCode) {
    return releases.stream()
        .filter(r -> IN_PROGRESS.equals(r.getStatus()) && !has(r, versionCode))
        .map(PlayRollout::single)
        .findFirst()
        .orElse(null);
  }

  /** The version code of the track's completed release, or null. */
  static Long live(List<TrackRelease> releases) {
    return releases.stream()
        .filter(r -> COMPLETED.equals(r.getStatus()))
        .map(PlayRollout::single)
        .findFirst()
        .orElse(null);
  }

  /**
   * What decides who gets which version, as comparable text: each release's status, version codes
   * and fraction, in order; names and notes aside.
   */
  static String shape(List<TrackRelease> releases) {
    return releases.stream()
        .map(r -> r.getStatus() + " " + r.getVersionCodes() + " " + r.getUserFraction())
        .toList()
        .toString();
  }

  /** The completed releases of other version codes: what users not offered the new one keep. */
  private static List<TrackRelease> others(List<TrackRelease> releases, long versionCode) {
    return releases.stream()
        .filter(r -> COMPLETED.equals(r.getStatus()) && !has(r, versionCode))
        .toList();
  }

  static TrackRelease release(long versionCode, String status, Double fraction, String name) {
    return new TrackRelease()
        .setName(name)
        .setVersionCodes(List.of(versionCode))
        .setStatus(status)
        .setUserFraction(fraction);
  }

  private static TrackRelease find(List<TrackRelease> releases, long versionCode) {
    return releases.stream().filter(r -> has(r, versionCode)).findFirst().orElse(null);
  }

  private static boolean has(TrackRelease r, long versionCode) {
    return r.getVersionCodes() != null && r.getVersionCodes().contains(versionCode);
  }

  private static Long single(TrackRelease r) {
    return r.getVersionCodes() == null || r.getVersionCodes().isEmpty()
        ? null
        : r.getVersionCodes().get(r.getVersionCodes().size() - 1);
  }
}
