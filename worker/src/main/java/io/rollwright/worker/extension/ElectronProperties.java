package io.rollwright.worker.extension;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Electron router under {@code rollwright.electron.*}, used when {@code token} is set.
 *
 * @param token a GitHub token allowed to edit the repositories' releases (contents: write), from a
 *     Secret
 * @param repositories each service's repository ({@code desktop: example/desktop})
 * @param apiUrl GitHub's API (default {@code https://api.github.com}; a GitHub Enterprise server's
 *     {@code https://host/api/v3})
 * @param tagPrefix what precedes the version in a release's tag (default {@code v})
 * @param timeout how long reading one update file may take
 */
@ConfigurationProperties("rollwright.electron")
public record ElectronProperties(
    String token,
    Map<String, String> repositories,
    String apiUrl,
    String tagPrefix,
    Duration timeout) {
  public ElectronProperties {
    repositories = repositories == null ? Map.of() : Map.copyOf(repositories);
    apiUrl = apiUrl == null || apiUrl.isBlank() ? "https://api.github.com" : apiUrl;
    tagPrefix = tagPrefix == null ? "v" : tagPrefix;
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
  }
}
