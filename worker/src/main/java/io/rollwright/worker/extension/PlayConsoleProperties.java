package io.rollwright.worker.extension;

import com.google.api.services.androidpublisher.AndroidPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Play Console router under {@code rollwright.play-console.*}, used when {@code credentials} is
 * set.
 *
 * @param credentials the JSON key of a service account invited to the Play Console with release
 *     rights on the apps, from a Secret
 * @param apps each service's package name ({@code storefront: com.example.storefront})
 * @param testingTracks the tracks a version is released to before production (default {@code
 *     internal}; {@code alpha} is closed testing, {@code beta} open testing)
 * @param productionTrack the track of the staged rollout (default {@code production})
 * @param rootUrl the API's root (default Google's), for a proxy or a test server
 * @param timeout how long one call may take to connect and to answer
 */
@ConfigurationProperties("rollwright.play-console")
public record PlayConsoleProperties(
    Path credentials,
    Map<String, String> apps,
    List<String> testingTracks,
    String productionTrack,
    String rootUrl,
    Duration timeout) {
  public PlayConsoleProperties {
    apps = apps == null ? Map.of() : Map.copyOf(apps);
    testingTracks = testingTracks == null ? List.of("internal") : List.copyOf(testingTracks);
    productionTrack = productionTrack == null ? "production" : productionTrack;
    rootUrl = rootUrl == null ? AndroidPublisher.DEFAULT_ROOT_URL : rootUrl;
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
  }
}
