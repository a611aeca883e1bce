package io.rollwright.activities.metrics.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.rollwright.activities.metrics.MetricQuery;
import io.rollwright.activities.metrics.Track;
import io.rollwright.analysis.Measurement;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every result shape and failure of Prometheus's query API, and what the provider makes of them.
 */
class PrometheusClientTest {
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(
            "vector",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"track\":\"canary\"},\"value\":[1700000000.5,\"0.0182\"]}]}}",
            List.of(0.0182)),
        Arguments.of(
            "two series",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":\"1\"},\"value\":[1,\"1\"]},{\"metric\":{\"a\":\"2\"},\"value\":[1,\"2\"]}]}}",
            List.of(1.0, 2.0)),
        Arguments.of(
            "scalar",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"42\"]}}",
            List.of(42.0)),
        Arguments.of(
            "matrix",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1,\"0.1\"],[2,\"0.2\"],[3,\"0.3\"]]}]}}",
            List.of(0.1, 0.2, 0.3)),
        Arguments.of(
            "empty vector",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
            List.of()),
        Arguments.of(
            "NaN",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"NaN\"]}]}}",
            List.of(Double.NaN)),
        Arguments.of(
            "+Inf",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"+Inf\"]}]}}",
            List.of(Double.POSITIVE_INFINITY)),
        Arguments.of(
            "-Inf",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"-Inf\"]}}",
            List.of(Double.NEGATIVE_INFINITY)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void everyResultShapeParses(String shape, String body, List<Double> values) {
    assertEquals(
        values,
        PrometheusClient.parse(200, body).stream().map(PrometheusClient.Sample::value).toList());
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            400,
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5\"}",
            "bad_data",
            false),
        Arguments.of(
            422,
            "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"many-to-many matching not allowed\"}",
            "execution",
            false),
        Arguments.of(
            503,
            "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"too many queries\"}",
            "unavailable",
            true),
        Arguments.of(502, "<html>Bad Gateway</html>", "bad_response", true));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @MethodSource("failures")
  void failuresCarryErrorTypeAndWhetherToRetry(
      int status, String body, String errorType, boolean retryable) {
    PrometheusException e =
        assertThrows(PrometheusException.class, () -> PrometheusClient.parse(status, body));
    assertEquals(errorType, e.errorType());
    assertEquals(retryable, e.retryable());
    assertTrue(e.getMessage().startsWith("HTTP " + status), e.getMessage());
  }

  /**
   * Serves {@code body} for every query, remembering the last request's query string and
   * Authorization header.
   */
  private PrometheusClient serving(int status, String body, AtomicReference<String> seen)
      throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seen.set(
              exchange.getRequestURI().getQuery()
                  + " | "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return new PrometheusClient(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        "Bearer s3cret",
        Duration.ofSeconds(2),
        null);
  }

  private static MetricQuery query(String metric) {
    return new MetricQuery(
        "shop", "prod", metric, Track.CANARY, Duration.ofSeconds(2), 0, 1_700_000_000_000L);
  }

  @Test
  void providerRendersTheTemplateAndSendsTheCredentials() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    PrometheusClient client =
        serving(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"0.25\"]}]}}",
            seen);

    Measurement m =
        new PrometheusMetricProvider(client, Map.of(), Duration.ofSeconds(10))
            .measure(query("error-rate"));

    assertEquals(0.25, m.value());
    String sent = java.net.URLDecoder.decode(seen.get(), StandardCharsets.UTF_8);
    assertTrue(
        sent.contains(
            "(sum(rate(http_requests_total{service=\"shop\",namespace=\"prod\",track=\"canary\",code=~\"5..\"}[10s])) or vector(0))"),
        sent);
    assertTrue(sent.contains("time=1700000000"), sent);
    assertTrue(sent.endsWith("| Bearer s3cret"), sent);
  }

  @Test
  void emptyResultAndNaNAreNoDataNotValues() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    PrometheusClient empty =
        serving(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
            seen);
    Measurement none =
        new PrometheusMetricProvider(empty, Map.of(), Duration.ofSeconds(10))
            .measure(query("latency-p95"));
    assertFalse(none.present());
    assertTrue(none.missing().startsWith("no data for histogram_quantile(0.95"), none.missing());
    stop();

    PrometheusClient nan =
        serving(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"NaN\"]}]}}",
            seen);
    assertFalse(
        new PrometheusMetricProvider(nan, Map.of(), Duration.ofSeconds(10))
            .measure(query("error-rate"))
            .present());
  }

  @Test
  void customQueryOverridesTheDefault() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    PrometheusClient client =
        serving(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"7\"]}}",
            seen);

    new PrometheusMetricProvider(
            client,
            Map.of("request-count", "sum(my_requests{app=\"{{service}}\"})"),
            Duration.ofSeconds(10))
        .measure(query("request-count"));

    assertTrue(
        java.net.URLDecoder.decode(seen.get(), StandardCharsets.UTF_8)
            .contains("sum(my_requests{app=\"shop\"})"),
        seen.get());
  }

  @Test
  void customQueryOfACheckIsRenderedWithTheSameVariables() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    PrometheusClient client =
        serving(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"12\"]}]}}",
            seen);
    MetricQuery q =
        new MetricQuery(
            "shop",
            "prod",
            "queue-depth",
            Track.STABLE,
            Duration.ofMinutes(2),
            0,
            1_700_000_000_000L,
            "max(queue_depth{app=\"{{service}}\",track=\"{{track}}\"}[{{window}}])");

    assertEquals(
        12.0,
        new PrometheusMetricProvider(client, Map.of(), Duration.ofSeconds(10)).measure(q).value());
    assertTrue(
        java.net.URLDecoder.decode(seen.get(), StandardCharsets.UTF_8)
            .contains("max(queue_depth{app=\"shop\",track=\"stable\"}[120s])"),
        seen.get());
  }

  @Test
  void rangeQuerySendsItsWindowAndReadsTheMatrix() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    PrometheusClient client =
        serving(
            200,
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"track\":\"canary\"},\"values\":[[1700000000,\"0.01\"],[1700000015,\"0.02\"]]}]}}",
            seen);

    List<PrometheusClient.Sample> samples =
        client.queryRange(
            "up",
            Instant.ofEpochSecond(1_700_000_000),
            Instant.ofEpochSecond(1_700_000_015),
            Duration.ofSeconds(15));

    assertEquals(
        List.of(0.01, 0.02), samples.stream().map(PrometheusClient.Sample::value).toList());
    assertEquals("canary", samples.get(1).labels().get("track"));
    String sent = seen.get();
    assertTrue(
        sent.contains("start=1700000000.000")
            && sent.contains("end=1700000015.000")
            && sent.contains("step=15.000"),
        sent);
  }

  @Test
  void unreachableIsRetryableAndSaysWhere() {
    PrometheusClient client =
        new PrometheusClient(URI.create("http://127.0.0.1:1"), null, Duration.ofSeconds(1), null);

    PrometheusException e =
        assertThrows(PrometheusException.class, () -> client.query("up", Instant.now()));

    assertTrue(e.retryable());
    assertTrue(
        e.getMessage().startsWith("Prometheus at http://127.0.0.1:1/ is unreachable"),
        e.getMessage());
  }
}
