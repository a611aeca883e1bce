package io.rollwright.worker.extension;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code webhook} pre-flight check under {@code rollwright.webhooks.*}.
 *
 * @param secrets the secrets webhooks are signed with, by the name a policy gives one ({@code
 *     ROLLWRIGHT_WEBHOOKS_SECRETS_SMOKE=…} is secret {@code smoke}), from a Secret
 */
@ConfigurationProperties("rollwright.webhooks")
public record WebhookProperties(Map<String, String> secrets) {
  public WebhookProperties {
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
  }
}
