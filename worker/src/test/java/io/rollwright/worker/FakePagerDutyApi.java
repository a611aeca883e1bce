package io.rollwright.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A local stand-in for PagerDuty's Events API v2 on loopback: {@code POST /v2/enqueue} with a JSON
 * event, validated as PagerDuty documents it (a 32-character routing key, an event action, a dedup
 * key of at most 255 characters that a resolve must carry, a trigger's summary of at most 1,024
 * characters, its source and severity), answered 202 with the dedup key, or 400 naming each error.
 * It keeps the events it accepted, for tests to assert.
 */
final class FakePagerDutyApi implements AutoCloseable {
  /** An integration key as PagerDuty issues them. */
  static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KEY = Pattern.compile("[0-9a-zA-Z]{32}");
  private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  private final HttpServer server;
  private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();

  FakePagerDutyApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status;
          String answer;
          if (!exchange.getRequestURI().getPath().equals("/v2/enqueue")) {
            status = 404;
            answer = "{\"status\":\"not found\"}";
          } else if (!exchange.getRequestMethod().equals("POST")
              || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                  .startsWith("application/json")) {
            status = 400;
            answer = invalid(List.of("a POST of application/json is expected"));
          } else {
            JsonNode event = JSON.readTree(body);
            List<String> errors = errors(event);
            if (errors.isEmpty()) {
              accepted.add(event);
              status = 202;
              answer =
                  "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":"
                      + JSON.writeValueAsString(event.path("dedup_key").asText())
                      + "}";
            } else {
              status = 400;
              answer = invalid(errors);
            }
          }
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  private static List<String> errors(JsonNode e) {
    List<String> errors = new ArrayList<>();
    if (!KEY.matcher(e.path("routing_key").asText()).matches()) {
      errors.add("'routing_key' must be 32 characters");
    }
    String action = e.path("event_action").asText();
    if (!ACTIONS.contains(action)) {
      errors.add("'event_action' is invalid (must be one of: trigger, acknowledge, resolve)");
    }
    String dedup = e.path("dedup_key").asText("");
    if (dedup.length() > 255) {
      errors.add("'dedup_key' must be at most 255 characters");
    }
    if (!action.equals("trigger") && dedup.isEmpty()) {
      errors.add("'dedup_key' is required for " + action);
    }
    if (action.equals("trigger")) {
      JsonNode p = e.path("payload");
      String summary = p.path("summary").asText("");
      if (summary.isEmpty() || summary.length() > 1024) {
        errors.add("'payload.summary' is required and must be at most 1024 characters");
      }
      if (p.path("source").asText("").isEmpty()) {
        errors.add("'payload.source' is required");
      }
      if (!SEVERITIES.contains(p.path("severity").asText())) {
        errors.add(
            "'payload.severity' is invalid (must be one of: critical, error, warning, info)");
      }
    }
    return errors;
  }

  private static String invalid(List<String> errors) throws IOException {
    return "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":"
        + JSON.writeValueAsString(errors)
        + "}";
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The events accepted so far, in order. */
  List<JsonNode> events() {
    return List.copyOf(accepted);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
