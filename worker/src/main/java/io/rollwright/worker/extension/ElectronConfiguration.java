package io.rollwright.worker.extension;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.traffic.electron.Electron;
import io.rollwright.activities.traffic.electron.ElectronApps;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code electron} router and check, when {@code rollwright.electron.token} is set; settings
 * that cannot work stop the worker, naming the setting.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${rollwright.electron.token:}'.trim() != ''")
@EnableConfigurationProperties(ElectronProperties.class)
public class ElectronConfiguration {
  private static final Pattern REPOSITORY = Pattern.compile("[\\w.-]{1,100}/[\\w.-]{1,100}");

  @Bean
  ExtensionSet electron(ElectronProperties settings) throws IOException {
    if (settings.repositories().isEmpty()) {
      throw new IllegalStateException(
          "rollwright.electron.repositories: name each service's repository (owner/name)");
    }
    settings
        .repositories()
        .forEach(
            (service, repo) -> {
              if (repo == null || !REPOSITORY.matcher(repo).matches()) {
                throw new IllegalStateException(
                    "rollwright.electron.repositories."
                        + service
                        + ": '"
                        + repo
                        + "' is not a repository (owner/name)");
              }
            });
    return Electron.of(
        settings.apiUrl(),
        settings.token(),
        settings.timeout(),
        new ElectronApps(settings.repositories(), settings.tagPrefix()));
  }
}
