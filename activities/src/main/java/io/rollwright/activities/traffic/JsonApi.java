package io.rollwright.activities.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A platform's JSON HTTP API, for the platforms whose maintained Java client does not cover what a
 * router needs. A refusal (400, 401, 403, 404) is a final failure of type {@code <name>Refused}
 * that names what was asked and the platform's own message; anything else (5xx, unreachable) is a
 * retryable {@code <name>Api} failure, for Temporal to retry.
 */
public final class JsonApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 300;

  /** The {@code Authorization} header of each call, fetched anew for each (tokens expire). */
  @FunctionalInterface
  public interface Authorization {
    /** The header's value. */
    String header() throws IOException;
  }

  private final String name;
  private final HttpClient http;
  private final URI base;
  private final Duration timeout;
  private final Authorization authorization;

  /**
   * {@code name} names the platform in errors and failure types; paths resolve against {@code
   * base}; each call is given {@code timeout} to connect and to answer.
   */
  public JsonApi(String name, URI base, Duration timeout, Authorization authorization) {
    this.name = name;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    this.timeout = timeout;
    this.authorization = authorization;
  }

  /** Calls {@code method path} with {@code body} (or none); the answer, or null when empty. */
  public JsonNode call(String what, String method, String path, JsonNode body) {
    HttpResponse<String> response = send(what, method, path, body);
    if (response.statusCode() / 100 != 2) {
      throw failure(what, response);
    }
    return parse(what, response.body());
  }

  /** {@code GET path}: the answer, or null when the platform answers 404. */
  public JsonNode find(String what, String path) {
    HttpResponse<String> response = send(what, "GET", path, null);
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() / 100 != 2) {
      throw failure(what, response);
    }
    return parse(what, response.body());
  }

  /** {@code s} as one segment or query value of a path. */
  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpResponse<String> send(String what, String method, String path, JsonNode body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(timeout)
              .header("Authorization", authorization.header())
              .header("Accept", "application/json");
      if (body != null) {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          what + ": " + name + " at " + base + " unreachable: " + e, name + "Api");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(what + ": interrupted", name + "Api");
    }
  }

  private JsonNode parse(String what, String body) {
    try {
      return body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          what + ": " + name + " answered what is not JSON", name + "Api");
    }
  }

  private ApplicationFailure failure(String what, HttpResponse<String> response) {
    int status = response.statusCode();
    String text = what + ": " + name + " answered " + status + ": " + message(response.body());
    return status == 400 || status == 401 || status == 403 || status == 404
        ? ApplicationFailure.newNonRetryableFailure(text, name + "Refused")
        : ApplicationFailure.newFailure(text, name + "Api");
  }

  /** The platform's error message ({@code message}, or Google's {@code error.message}), a line. */
  private static String message(String body) {
    String text = body;
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.hasNonNull("message")) {
        text = json.get("message").asText();
      } else if (json != null && json.path("error").hasNonNull("message")) {
        text = json.path("error").get("message").asText();
      }
    } catch (IOException notJson) {
      // the body as it came
    }
    text = text == null ? "" : text.replaceAll("\\s+", " ");
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
  }
}
