package io.rollwright.activities.metrics.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * A narrow client for Prometheus's HTTP query API ({@code /api/v1/query} and {@code
 * /api/v1/query_range}) on {@code java.net.http}: every result shape becomes a list of samples (an
 * empty vector: none; NaN and ±Inf kept as such), and every failure a {@link PrometheusException}
 * that says whether trying again may help.
 */
public final class PrometheusClient {
  /** One value of one series at one time. */
  public record Sample(Map<String, String> labels, double time, double value) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param authorization the {@code Authorization} header value ({@code Bearer …} or {@code Basic
   *     …}), or null
   * @param ssl the TLS context for an {@code https} base, or null for the JVM's default
   */
  public PrometheusClient(URI base, String authorization, Duration timeout, SSLContext ssl) {
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    this.authorization = authorization;
    this.timeout = timeout;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.http = builder.build();
  }

  /** An instant query evaluated at {@code at}. */
  public List<Sample> query(String promql, Instant at) {
    return get("api/v1/query", Map.of("query", promql, "time", seconds(at)));
  }

  /** A range query from {@code start} to {@code end} every {@code step}. */
  public List<Sample> queryRange(String promql, Instant start, Instant end, Duration step) {
    return get(
        "api/v1/query_range",
        Map.of(
            "query",
            promql,
            "start",
            seconds(start),
            "end",
            seconds(end),
            "step",
            java.math.BigDecimal.valueOf(step.toMillis(), 3).toPlainString()));
  }

  private List<Sample> get(String path, Map<String, String> params) {
    StringBuilder query = new StringBuilder();
    params.forEach(
        (k, v) ->
            query
                .append(query.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path + "?" + query)).timeout(timeout).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new PrometheusException(
          "unreachable", "Prometheus at " + base + " is unreachable: " + e.getMessage(), 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException("interrupted", "interrupted querying Prometheus", 0);
    }
    return parse(response.statusCode(), response.body());
  }

  /** Reads an API response: the samples of a success, or the failure it reports. */
  static List<Sample> parse(int status, String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new PrometheusException(
          "bad_response",
          "HTTP " + status + " with a body that is not JSON: " + abbreviate(body),
          status);
    }
    if (!"success".equals(root.path("status").asText())) {
      throw new PrometheusException(
          root.path("errorType").asText("http_" + status),
          "HTTP " + status + ": " + root.path("error").asText(abbreviate(body)),
          status);
    }
    JsonNode data = root.path("data");
    JsonNode result = data.path("result");
    List<Sample> samples = new ArrayList<>();
    switch (data.path("resultType").asText()) {
      case "scalar" -> samples.add(sample(Map.of(), result));
      case "vector" ->
          result.forEach(series -> samples.add(sample(labels(series), series.path("value"))));
      case "matrix" ->
          result.forEach(
              series -> series.path("values").forEach(v -> samples.add(sample(labels(series), v))));
      default ->
          throw new PrometheusException(
              "bad_response",
              "unsupported result type '" + data.path("resultType").asText() + "'",
              status);
    }
    return samples;
  }

  private static Sample sample(Map<String, String> labels, JsonNode pair) {
    return new Sample(labels, pair.get(0).asDouble(), number(pair.get(1).asText()));
  }

  /** Prometheus writes values as strings, including {@code NaN}, {@code +Inf} and {@code -Inf}. */
  private static double number(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static Map<String, String> labels(JsonNode series) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      labels.put(e.getKey(), e.getValue().asText());
    }
    return labels;
  }

  /**
   * Unix seconds with milliseconds, written out in full ({@code 1700000000.5}, never {@code
   * 1.7E9}).
   */
  private static String seconds(Instant t) {
    return java.math.BigDecimal.valueOf(t.toEpochMilli(), 3).toPlainString();
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }
}
