package io.rollwright.worker.extension;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.prometheus.PrometheusClient;
import io.rollwright.activities.metrics.prometheus.PrometheusMetricProvider;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code prometheus} metric provider, when {@code rollwright.prometheus.url} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${rollwright.prometheus.url:}'.trim() != ''")
@EnableConfigurationProperties(PrometheusProperties.class)
public class PrometheusConfiguration {
  @Bean
  ExtensionSet prometheus(PrometheusProperties settings) {
    PrometheusClient client =
        new PrometheusClient(
            URI.create(settings.url()), settings.authorization(), settings.timeout(), null);
    Map<String, MetricProvider> provider =
        Map.of(
            PrometheusMetricProvider.NAME,
            new PrometheusMetricProvider(client, settings.queries(), settings.minWindow()));
    return new ExtensionSet() {
      @Override
      public Map<String, MetricProvider> providers() {
        return provider;
      }
    };
  }
}
