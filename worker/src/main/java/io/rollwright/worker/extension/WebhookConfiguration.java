package io.rollwright.worker.extension;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.preflight.ConfirmCheck;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.activities.preflight.WebhookCheck;
import io.rollwright.activities.webhook.WebhookCaller;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code webhook} and {@code confirm} checks, on every worker: they call out only to the
 * endpoints the policies that use them name.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {
  @Bean
  ExtensionSet webhooks(WebhookProperties settings) {
    WebhookCheck webhook =
        new WebhookCheck(new WebhookCaller(Duration.ofSeconds(1)), settings.secrets());
    List<PreflightCheck> checks = List.of(webhook, new ConfirmCheck(webhook));
    return new ExtensionSet() {
      @Override
      public List<PreflightCheck> preflightChecks() {
        return checks;
      }
    };
  }
}
