package io.rollwright.worker.extension;

import io.rollwright.activities.notify.pagerduty.PagerDutyEventsClient;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PagerDuty notifier under {@code rollwright.pagerduty.*}, used when a routing key is set.
 *
 * @param routingKey the integration key of an Events API v2 integration, from a Secret
 * @param url the Events API's base (default PagerDuty's own), for a proxy or a test server
 * @param ui the Temporal Web UI's base URL, linked from each alert (none when unset)
 * @param timeout how long one call may take
 */
@ConfigurationProperties("rollwright.pagerduty")
public record PagerDutyProperties(String routingKey, URI url, String ui, Duration timeout) {
  public PagerDutyProperties {
    url = url == null ? PagerDutyEventsClient.EVENTS : url;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }
}
