package io.rollwright.activities.traffic.electron;

import io.rollwright.activities.traffic.StageWeights;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Violations;
import java.io.IOException;
import java.util.Comparator;
import java.util.Date;
import org.kohsuke.github.GHAsset;
import org.kohsuke.github.GHRelease;
import org.kohsuke.github.GHReleaseBuilder.MakeLatest;
import org.kohsuke.github.GHRepository;

/**
 * A stage's weight as an Electron app's staged rollout: the version's GitHub release made the
 * latest, its update files' {@code stagingPercentage} set to the weight (removed at 100%). Removing
 * the routes withdraws the release (back to a draft) and makes the previous release the latest
 * again, as electron-updater then offers it.
 */
final class ElectronRouter implements TrafficRouter {
  private final GitHubReleases github;
  private final ElectronApps apps;

  ElectronRouter(GitHubReleases github, ElectronApps apps) {
    this.github = github;
    this.apps = apps;
  }

  /** electron-updater stages whole percentages. */
  @Override
  public void checkSettings(String field, ReleasePolicy policy, Violations v) {
    StageWeights.checkSteps(field, policy, v, 1, "is staged in whole percent");
  }

  @Override
  public double setWeight(TrafficTarget t, double weight) {
    int percent = (int) Math.round(weight);
    if (percent <= 0) {
      withdraw(t);
      return 0;
    }
    return github.on(
        apps.repository(t),
        "staging " + apps.tag(t) + " to " + percent + "%",
        repo -> {
          GHRelease release = GitHubReleases.release(repo, apps.tag(t));
          for (GHAsset file : GitHubReleases.updateFiles(release)) {
            String text = github.read(file);
            if (ElectronUpdateFile.percentage(text) != percent) {
              GitHubReleases.replace(release, file, ElectronUpdateFile.staged(text, percent));
            }
          }
          if (release.isDraft()
              || release.isPrerelease()
              || !GitHubReleases.isLatest(repo, release)) {
            release.update().draft(false).prerelease(false).makeLatest(MakeLatest.TRUE).update();
          }
          return (double) percent;
        });
  }

  @Override
  public double verifyWeight(TrafficTarget t) {
    return github.on(
        apps.repository(t),
        "reading the staging of " + apps.tag(t),
        repo -> {
          GHRelease release = GitHubReleases.release(repo, apps.tag(t));
          if (release.isDraft() || !GitHubReleases.isLatest(repo, release)) {
            return 0.0;
          }
          int least = 100;
          for (GHAsset file : GitHubReleases.updateFiles(release)) {
            least = Math.min(least, ElectronUpdateFile.percentage(github.read(file)));
          }
          return (double) least;
        });
  }

  /** Withdraws a partly staged release; a fully rolled out one is left to the workloads. */
  @Override
  public void removeManagedRoutes(TrafficTarget t) {
    double weight = verifyWeight(t);
    if (weight > 0 && weight < 100) {
      withdraw(t);
    }
  }

  /**
   * Makes the release a draft again, so no install is offered it, and the newest published full
   * release other than it the latest.
   */
  void withdraw(TrafficTarget t) {
    github.on(
        apps.repository(t),
        "withdrawing " + apps.tag(t),
        repo -> {
          GHRelease release = GitHubReleases.release(repo, apps.tag(t));
          if (!release.isDraft()) {
            release.update().draft(true).makeLatest(MakeLatest.FALSE).update();
          }
          GHRelease previous = previous(repo, release);
          if (previous != null && !GitHubReleases.isLatest(repo, previous)) {
            previous.update().makeLatest(MakeLatest.TRUE).update();
          }
          return null;
        });
  }

  private static GHRelease previous(GHRepository repo, GHRelease withdrawn) throws IOException {
    return repo.listReleases().toList().stream()
        .filter(r -> r.getId() != withdrawn.getId() && !r.isDraft() && !r.isPrerelease())
        .filter(r -> r.getPublished_at() != null)
        .max(Comparator.comparing(GHRelease::getPublished_at, Comparator.<Date>naturalOrder()))
        .orElse(null);
  }
}
