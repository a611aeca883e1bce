package io.rollwright.activities.traffic.firebase;

import io.rollwright.api.TrafficTarget;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Firebase Hosting site each service is and which preview channels its early stages go to:
 * {@code sites} maps a service to its site ID; a stage named after one of {@code channels} (for
 * example {@code alpha}, {@code beta}) deploys the version to that preview channel, which expires
 * {@code channelTtl} after its last deploy. A release's image is the ID of the Hosting version the
 * build created and finalized.
 */
public record FirebaseSites(Map<String, String> sites, List<String> channels, Duration channelTtl) {
  /** The live channel: what a site's visitors get. */
  static final String LIVE = "live";

  private static final Pattern VERSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
  private static final Pattern VERSION_NAME =
      Pattern.compile("sites/([a-z0-9-]{1,63})/versions/([A-Za-z0-9_-]{1,100})");

  public FirebaseSites {
    sites = Map.copyOf(sites);
    channels = List.copyOf(channels);
  }

  /** The site ID of the target's service, or a final failure naming the setting. */
  String site(TrafficTarget t) {
    String site = sites.get(t.service());
    if (site == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "firebase-hosting: no site for service "
              + t.service()
              + " (rollwright.firebase-hosting.sites)",
          "FirebaseNotConfigured");
    }
    return site;
  }

  /**
   * The full name of the version the target's image names ({@code sites/SITE/versions/ID}, or the
   * ID alone), or a final failure saying what it must be.
   */
  String versionName(TrafficTarget t) {
    String site = site(t);
    String image = t.image() == null ? "" : t.image();
    if (VERSION_ID.matcher(image).matches()) {
      return "sites/" + site + "/versions/" + image;
    }
    Matcher m = VERSION_NAME.matcher(image);
    if (m.matches() && m.group(1).equals(site)) {
      return image;
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "firebase-hosting releases the Hosting version the request's image names: '"
            + image
            + "' is not a version ID of site "
            + site
            + " (the ID, or sites/"
            + site
            + "/versions/ID)",
        "InvalidHostingVersion");
  }

  /** The preview channel the target's stage deploys to, or null when it names none. */
  String channel(TrafficTarget t) {
    return t.stage() != null && channels.contains(t.stage()) ? t.stage() : null;
  }
}
