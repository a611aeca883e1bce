package io.rollwright.worker.extension;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.activities.preflight.WebhookCheck;
import io.rollwright.activities.webhook.WebhookCaller;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code webhook} pre-flight check, on every worker: it calls out only to the endpoints the
 * policies that use it name.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {
  @Bean
  ExtensionSet webhooks(WebhookProperties settings) {
    List<PreflightCheck> checks =
        List.of(new WebhookCheck(new WebhookCaller(Duration.ofSeconds(1)), settings.secrets()));
    return new ExtensionSet() {
      @Override
      public List<PreflightCheck> preflightChecks() {
        return checks;
      }
    };
  }
}
