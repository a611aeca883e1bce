package io.rollwright.activities.traffic.electron;

import io.rollwright.activities.traffic.InPlaceWorkloads;
import io.rollwright.api.TrafficTarget;
import io.temporal.failure.ApplicationFailure;
import org.kohsuke.github.GHRelease;
import org.kohsuke.github.GHReleaseBuilder.MakeLatest;

/**
 * An Electron app's versions: the build publishes the release as a draft with its installers and
 * update files; before the first stage it becomes a prerelease, which the alpha and beta channels
 * (electron-updater's {@code allowPrerelease}) take, and the stages then stage it as the latest
 * release. Taking it back withdraws it and makes the previous release the latest again.
 */
final class ElectronWorkloads extends InPlaceWorkloads {
  private final GitHubReleases github;
  private final ElectronApps apps;
  private final ElectronRouter router;

  ElectronWorkloads(GitHubReleases github, ElectronApps apps, ElectronRouter router) {
    super(router);
    this.github = github;
    this.apps = apps;
    this.router = router;
  }

  /** Publishes the draft release as a prerelease; it must carry its update files. */
  @Override
  public void deployCanary(TrafficTarget t) {
    github.on(
        apps.repository(t),
        "publishing " + apps.tag(t) + " as a prerelease",
        repo -> {
          GHRelease release = GitHubReleases.release(repo, apps.tag(t));
          if (GitHubReleases.updateFiles(release).isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(
                "release " + apps.tag(t) + " has no update files (latest*.yml)", "NoUpdateFiles");
          }
          if (release.isDraft()) {
            release.update().draft(false).prerelease(true).makeLatest(MakeLatest.FALSE).update();
          }
          return null;
        });
  }

  @Override
  public void withdrawCanary(TrafficTarget t) {
    router.withdraw(t);
  }
}
