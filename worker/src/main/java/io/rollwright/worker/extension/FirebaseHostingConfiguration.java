package io.rollwright.worker.extension;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.traffic.firebase.FirebaseHosting;
import io.rollwright.activities.traffic.firebase.FirebaseSites;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code firebase-hosting} router and check, when {@code
 * rollwright.firebase-hosting.credentials} is set; settings that cannot work stop the worker,
 * naming the setting.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${rollwright.firebase-hosting.credentials:}'.trim() != ''")
@EnableConfigurationProperties(FirebaseHostingProperties.class)
public class FirebaseHostingConfiguration {
  private static final Pattern SITE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Duration MAX_TTL = Duration.ofDays(30);

  @Bean
  ExtensionSet firebaseHosting(FirebaseHostingProperties settings) throws IOException {
    String at = "rollwright.firebase-hosting.";
    if (!Files.isReadable(settings.credentials())) {
      throw new IllegalStateException(
          at + "credentials: cannot read " + settings.credentials() + " (does it exist?)");
    }
    if (settings.sites().isEmpty()) {
      throw new IllegalStateException(at + "sites: name each service's site ID");
    }
    settings
        .sites()
        .forEach(
            (service, site) -> {
              if (site == null || !SITE.matcher(site).matches()) {
                throw new IllegalStateException(
                    at + "sites." + service + ": '" + site + "' is not a site ID");
              }
            });
    if (settings.channels().isEmpty()) {
      throw new IllegalStateException(at + "channels: name the preview channels stages go to");
    }
    for (String channel : settings.channels()) {
      if (!CHANNEL.matcher(channel).matches() || channel.equals("live")) {
        throw new IllegalStateException(
            at + "channels: '" + channel + "' is not a preview channel ID");
      }
    }
    if (settings.channelTtl().compareTo(Duration.ofHours(1)) < 0
        || settings.channelTtl().compareTo(MAX_TTL) > 0) {
      throw new IllegalStateException(
          at + "channel-ttl: " + settings.channelTtl() + " is not between 1 hour and 30 days");
    }
    return FirebaseHosting.of(
        FirebaseHosting.client(settings.credentials(), settings.rootUrl(), settings.timeout()),
        new FirebaseSites(settings.sites(), settings.channels(), settings.channelTtl()));
  }
}
