package io.rollwright.worker.extension;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.traffic.play.PlayApps;
import io.rollwright.activities.traffic.play.PlayConsole;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code play-console} router and check, when {@code rollwright.play-console.credentials} is
 * set; settings that cannot work stop the worker, naming the setting.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${rollwright.play-console.credentials:}'.trim() != ''")
@EnableConfigurationProperties(PlayConsoleProperties.class)
public class PlayConsoleConfiguration {
  private static final Pattern PACKAGE = Pattern.compile("[a-zA-Z][\\w]*(\\.[a-zA-Z][\\w]*)+");
  private static final Pattern TRACK = Pattern.compile("[a-zA-Z0-9:_-]{1,100}");

  @Bean
  ExtensionSet playConsole(PlayConsoleProperties settings) throws IOException {
    String at = "rollwright.play-console.";
    if (!Files.isReadable(settings.credentials())) {
      throw new IllegalStateException(
          at + "credentials: cannot read " + settings.credentials() + " (does it exist?)");
    }
    if (settings.apps().isEmpty()) {
      throw new IllegalStateException(at + "apps: name each service's package name");
    }
    settings
        .apps()
        .forEach(
            (service, app) -> {
              if (app == null || !PACKAGE.matcher(app).matches()) {
                throw new IllegalStateException(
                    at + "apps." + service + ": '" + app + "' is not a package name");
              }
            });
    for (String track : settings.testingTracks()) {
      if (!TRACK.matcher(track).matches() || track.equals(settings.productionTrack())) {
        throw new IllegalStateException(
            at + "testing-tracks: '" + track + "' is not a testing track name");
      }
    }
    return PlayConsole.of(
        PlayConsole.client(settings.credentials(), settings.rootUrl(), settings.timeout()),
        new PlayApps(settings.apps(), settings.testingTracks(), settings.productionTrack()));
  }
}
