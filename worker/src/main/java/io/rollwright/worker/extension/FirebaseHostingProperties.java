package io.rollwright.worker.extension;

import io.rollwright.activities.traffic.firebase.FirebaseHosting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Firebase Hosting router under {@code rollwright.firebase-hosting.*}, used when {@code
 * credentials} is set.
 *
 * @param credentials the JSON key of a service account with the Firebase Hosting Admin role on the
 *     sites' project, from a Secret
 * @param sites each service's site ID ({@code web: example-web})
 * @param channels the preview channels stages may be named after (default {@code alpha}, {@code
 *     beta})
 * @param channelTtl how long a preview channel lives after its last deploy (default 7 days, at most
 *     30 as Firebase allows)
 * @param rootUrl the API's root (default Google's), for a proxy or a test server
 * @param timeout how long one call may take to connect and to answer
 */
@ConfigurationProperties("rollwright.firebase-hosting")
public record FirebaseHostingProperties(
    Path credentials,
    Map<String, String> sites,
    List<String> channels,
    Duration channelTtl,
    String rootUrl,
    Duration timeout) {
  public FirebaseHostingProperties {
    sites = sites == null ? Map.of() : Map.copyOf(sites);
    channels = channels == null ? List.of("alpha", "beta") : List.copyOf(channels);
    channelTtl = channelTtl == null ? Duration.ofDays(7) : channelTtl;
    rootUrl = rootUrl == null ? FirebaseHosting.DEFAULT_ROOT_URL : rootUrl;
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
  }
}
