package io.rollwright.worker.extension;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.rollwright.activities.notify.Notifier;
import io.rollwright.activities.notify.slack.SlackNotifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Releases told in Slack, when {@code rollwright.slack.token} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${rollwright.slack.token:}'.trim() != ''")
@EnableConfigurationProperties(SlackProperties.class)
public class SlackConfiguration {
  @Bean
  Notifier slackNotifier(SlackProperties settings) {
    SlackConfig config = new SlackConfig();
    if (settings.apiUrl() != null) {
      config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    }
    return new SlackNotifier(
        Slack.getInstance(config).methods(settings.token()),
        settings.channel(),
        settings.oncall() == null || settings.oncall().isBlank() ? null : settings.oncall().trim());
  }
}
