package io.rollwright.activities.traffic.electron;

import io.rollwright.api.TrafficTarget;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/**
 * Which GitHub repository publishes each service's desktop app: {@code repositories} maps a service
 * to {@code owner/name}; a version's release is tagged {@code tagPrefix} and the version ({@code
 * v2.4.0}).
 */
public record ElectronApps(Map<String, String> repositories, String tagPrefix) {
  public ElectronApps {
    repositories = Map.copyOf(repositories);
  }

  /** The repository of the target's service, or a final failure naming the setting. */
  String repository(TrafficTarget t) {
    String repo = repositories.get(t.service());
    if (repo == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "electron: no repository for service "
              + t.service()
              + " (rollwright.electron.repositories)",
          "ElectronNotConfigured");
    }
    return repo;
  }

  /** The tag of the target's release. */
  String tag(TrafficTarget t) {
    return tagPrefix + t.version();
  }
}
