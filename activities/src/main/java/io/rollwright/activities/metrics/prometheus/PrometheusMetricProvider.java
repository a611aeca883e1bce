package io.rollwright.activities.metrics.prometheus;

import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.MetricQuery;
import io.rollwright.analysis.Measurement;
import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metrics from Prometheus: each metric is a PromQL template with the variables {@code {{service}}},
 * {@code {{namespace}}} (the environment), {{track}} ({@code canary} or {@code stable}) and {@code
 * {{window}}} (the analysis interval, at least {@code minWindow}). An empty result or NaN is no
 * data; Prometheus failing throws, so the analysis retries and then reports it.
 */
public final class PrometheusMetricProvider implements MetricProvider {
  public static final String NAME = "prometheus";

  /**
   * Templates for the common {@code http_requests_total} counter and {@code
   * http_request_duration_seconds} histogram. A service that never failed has no 5xx series at all,
   * hence {@code or vector(0)}; no traffic at all still gives no data.
   */
  public static final Map<String, String> DEFAULT_QUERIES =
      Map.of(
          "request-count", "sum(increase(http_requests_total{%s}[{{window}}]))",
          "error-rate",
              "(sum(rate(http_requests_total{%s,code=~\"5..\"}[{{window}}])) or vector(0))"
                  + " / sum(rate(http_requests_total{%s}[{{window}}]))",
          "success-rate",
              "(sum(rate(http_requests_total{%s,code!~\"5..\"}[{{window}}])) or vector(0))"
                  + " / sum(rate(http_requests_total{%s}[{{window}}]))",
          "latency-p50",
              "histogram_quantile(0.50, sum by (le) (rate(http_request_duration_seconds_bucket{%s}[{{window}}]))) * 1000",
          "latency-p95",
              "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{%s}[{{window}}]))) * 1000",
          "latency-p99",
              "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{%s}[{{window}}]))) * 1000",
          "up", "min(up{%s})");

  private static final List<String> VARIABLES = List.of("service", "namespace", "track", "window");
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{([^{}]*)}}");

  private static final String SELECTOR =
      "service=\"{{service}}\",namespace=\"{{namespace}}\",track=\"{{track}}\"";

  private final PrometheusClient client;
  private final Map<String, String> queries;
  private final Duration minWindow;

  /** {@code overrides} replace default templates by metric name. */
  public PrometheusMetricProvider(
      PrometheusClient client, Map<String, String> overrides, Duration minWindow) {
    this.client = client;
    this.minWindow = minWindow;
    this.queries = new HashMap<>();
    DEFAULT_QUERIES.forEach(
        (metric, template) -> queries.put(metric, template.replace("%s", SELECTOR)));
    queries.putAll(overrides);
  }

  @Override
  public Measurement measure(MetricQuery q) {
    String template = q.custom() != null ? q.custom() : queries.get(q.metric());
    if (template == null) {
      return Measurement.none(
          "no Prometheus query for "
              + q.metric()
              + " (set rollwright.prometheus.queries."
              + q.metric()
              + ")");
    }
    String promql = render(template, q);
    List<PrometheusClient.Sample> result = client.query(promql, Instant.ofEpochMilli(q.atMillis()));
    if (result.isEmpty()) {
      return Measurement.none("no data for " + promql);
    }
    if (result.size() > 1) {
      return Measurement.none(
          result.size() + " series for " + promql + " (the query must aggregate to one)");
    }
    return Measurement.of(result.get(0).value());
  }

  /**
   * A check of a built-in metric needs a template for it; a custom query may use only the known
   * variables and must have its brackets and quotes closed.
   */
  @Override
  public void checkQuery(String field, AnalysisCheck check, Violations v) {
    if (check.query() == null) {
      if (check.metric() != null && !queries.containsKey(check.metric())) {
        v.add(
            field + ".metric",
            "prometheus has no query for "
                + check.metric()
                + " (set rollwright.prometheus.queries."
                + check.metric()
                + " on the worker, or give the check a query)");
      }
      return;
    }
    Matcher m = VARIABLE.matcher(check.query());
    while (m.find()) {
      if (!VARIABLES.contains(m.group(1))) {
        v.add(
            field + ".query",
            "uses "
                + m.group()
                + ", which is not a variable (known: "
                + String.join(", ", VARIABLES.stream().map(n -> "{{" + n + "}}").toList())
                + ")");
      }
    }
    String unclosed = PromqlBrackets.unclosed(VARIABLE.matcher(check.query()).replaceAll("x"));
    if (unclosed != null) {
      v.add(field + ".query", "is not valid PromQL: " + unclosed);
    }
  }

  /** The template with its variables filled in. */
  String render(String template, MetricQuery q) {
    Duration window = q.window().compareTo(minWindow) < 0 ? minWindow : q.window();
    return template
        .replace("{{service}}", q.service())
        .replace("{{namespace}}", q.environment())
        .replace("{{track}}", q.track().name().toLowerCase(java.util.Locale.ROOT))
        .replace("{{window}}", window.toSeconds() + "s");
  }
}
