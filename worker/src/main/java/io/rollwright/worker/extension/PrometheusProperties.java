package io.rollwright.worker.extension;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Prometheus metric provider under {@code rollwright.prometheus.*}, registered as {@code
 * prometheus} when {@code url} is set.
 *
 * @param url Prometheus's base URL
 * @param authorization the {@code Authorization} header to send ({@code Bearer …} or {@code Basic
 *     …}), optional
 * @param timeout per query
 * @param minWindow the shortest {@code {{window}}} a query's range uses, whatever the analysis
 *     interval
 * @param queries PromQL templates by metric name, replacing the defaults
 */
@ConfigurationProperties("rollwright.prometheus")
public record PrometheusProperties(
    String url,
    String authorization,
    Duration timeout,
    Duration minWindow,
    Map<String, String> queries) {
  public PrometheusProperties {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    minWindow = minWindow == null ? Duration.ofMinutes(1) : minWindow;
    queries = queries == null ? Map.of() : Map.copyOf(queries);
  }
}
