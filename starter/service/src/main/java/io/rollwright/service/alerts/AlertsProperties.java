package io.rollwright.service.alerts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code rollwright.alerts.*}: the alert receiver at {@code /alerts/alertmanager}, on when {@code
 * token} is set. Alertmanager sends the token as a bearer token ({@code http_config.authorization}
 * of its webhook receiver); the release's audit records its actions as {@code actor}. An alert
 * concerns the release of the service and environment its {@code serviceLabel} and {@code
 * environmentLabel} labels name.
 */
@ConfigurationProperties("rollwright.alerts")
public record AlertsProperties(
    String token,
    String actor,
    String serviceLabel,
    String environmentLabel,
    Duration answerWithin) {
  public AlertsProperties {
    actor = actor == null || actor.isBlank() ? "alertmanager" : actor;
    serviceLabel = serviceLabel == null || serviceLabel.isBlank() ? "service" : serviceLabel;
    environmentLabel =
        environmentLabel == null || environmentLabel.isBlank() ? "environment" : environmentLabel;
    answerWithin = answerWithin == null ? Duration.ofSeconds(10) : answerWithin;
  }
}
