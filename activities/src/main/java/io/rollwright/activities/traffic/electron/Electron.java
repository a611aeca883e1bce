package io.rollwright.activities.traffic.electron;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.RouterExtensionSet;
import java.io.IOException;
import java.time.Duration;
import org.kohsuke.github.GitHubBuilder;

/**
 * The Electron extension set: the {@code electron} router, which turns stage weights into the
 * {@code stagingPercentage} of a GitHub release's electron-updater files, its workload manager and
 * the {@code electron} pre-flight check.
 */
public final class Electron {
  public static final String ROUTER = "electron";

  private Electron() {}

  /**
   * The set for {@code apps} through GitHub's API at {@code apiUrl} ({@code
   * https://api.github.com}, or a GitHub Enterprise server's), as {@code token}, each asset read
   * given {@code timeout}.
   */
  public static ExtensionSet of(String apiUrl, String token, Duration timeout, ElectronApps apps)
      throws IOException {
    GitHubReleases github =
        new GitHubReleases(
            new GitHubBuilder().withEndpoint(apiUrl).withOAuthToken(token).build(), token, timeout);
    ElectronRouter router = new ElectronRouter(github, apps);
    return new RouterExtensionSet(
        ROUTER,
        router,
        new ElectronWorkloads(github, apps, router),
        new ElectronCheck(github, apps));
  }
}
