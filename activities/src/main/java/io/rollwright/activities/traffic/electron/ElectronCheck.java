package io.rollwright.activities.traffic.electron;

import io.rollwright.activities.traffic.RouterCheck;
import io.rollwright.api.TrafficTarget;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.github.GHAsset;
import org.kohsuke.github.GHRelease;

/**
 * {@code electron}: a release through the Electron router can run. The service has a repository the
 * token may read, the version's release exists, and each of its update files names that version.
 */
final class ElectronCheck extends RouterCheck {
  private final GitHubReleases github;
  private final ElectronApps apps;

  ElectronCheck(GitHubReleases github, ElectronApps apps) {
    super(Electron.ROUTER);
    this.github = github;
    this.apps = apps;
  }

  @Override
  protected String check(TrafficTarget t) {
    return github.on(
        apps.repository(t),
        "checking " + apps.tag(t),
        repo -> {
          GHRelease found = GitHubReleases.release(repo, apps.tag(t));
          List<String> names = new ArrayList<>();
          for (GHAsset file : GitHubReleases.updateFiles(found)) {
            String version = ElectronUpdateFile.version(github.read(file));
            if (!t.version().equals(version)) {
              throw refused(file.getName() + " of " + apps.tag(t) + " names version " + version);
            }
            names.add(file.getName());
          }
          if (names.isEmpty()) {
            throw refused("release " + apps.tag(t) + " has no update files (latest*.yml)");
          }
          return "release " + apps.tag(t) + " in " + repo.getFullName() + ": " + names;
        });
  }
}
