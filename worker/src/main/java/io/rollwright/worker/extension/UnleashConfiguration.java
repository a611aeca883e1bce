package io.rollwright.worker.extension;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.traffic.unleash.Unleash;
import io.rollwright.activities.traffic.unleash.UnleashFlags;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code unleash} router and check, when {@code rollwright.unleash.url} is set; settings that
 * cannot work stop the worker, naming the setting.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${rollwright.unleash.url:}'.trim() != ''")
@EnableConfigurationProperties(UnleashProperties.class)
public class UnleashConfiguration {
  @Bean
  ExtensionSet unleash(UnleashProperties settings) {
    String at = "rollwright.unleash.";
    String scheme = settings.url().getScheme();
    if ((!"http".equals(scheme) && !"https".equals(scheme)) || settings.url().getHost() == null) {
      throw new IllegalStateException(at + "url: '" + settings.url() + "' is not an http(s) URL");
    }
    if (settings.token() == null || settings.token().isBlank()) {
      throw new IllegalStateException(at + "token: an admin API token is required with the url");
    }
    if (!settings.onRollback().equals("zero") && !settings.onRollback().equals("disable")) {
      throw new IllegalStateException(
          at + "on-rollback: '" + settings.onRollback() + "' is not zero or disable");
    }
    return Unleash.of(
        settings.url(),
        settings.token(),
        settings.timeout(),
        new UnleashFlags(
            settings.project(),
            settings.flags(),
            settings.environments(),
            settings.stickiness(),
            settings.onRollback().equals("disable")));
  }
}
