package io.rollwright.activities.traffic.unleash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The few calls of Unleash's Admin API the router makes, as an admin API token: read a flag, add or
 * update one of its strategies, and turn it on or off in an environment. A refusal (400, 401, 403,
 * 404) is final and names what was asked; anything else is retried by Temporal.
 */
final class UnleashAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final String token;
  private final Duration timeout;

  UnleashAdmin(URI base, String token, Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    this.token = token;
    this.timeout = timeout;
  }

  /** The flag, with its environments and their strategies. */
  JsonNode flag(String project, String flag) {
    return call("reading flag " + flag, "GET", features(project, flag), null);
  }

  /** Adds {@code strategy} to the flag in {@code environment}. */
  void addStrategy(String project, String flag, String environment, ObjectNode strategy) {
    call(
        "adding a strategy to flag " + flag,
        "POST",
        features(project, flag) + "/environments/" + enc(environment) + "/strategies",
        strategy);
  }

  /** Replaces strategy {@code id} of the flag in {@code environment}. */
  void updateStrategy(
      String project, String flag, String environment, String id, ObjectNode strategy) {
    call(
        "updating the strategy of flag " + flag,
        "PUT",
        features(project, flag) + "/environments/" + enc(environment) + "/strategies/" + enc(id),
        strategy);
  }

  /** Turns the flag on or off in {@code environment}. */
  void turn(String project, String flag, String environment, boolean on) {
    call(
        "turning flag " + flag + (on ? " on" : " off"),
        "POST",
        features(project, flag) + "/environments/" + enc(environment) + (on ? "/on" : "/off"),
        null);
  }

  private static String features(String project, String flag) {
    return "api/admin/projects/" + enc(project) + "/features/" + enc(flag);
  }

  private JsonNode call(String what, String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Authorization", token)
            .header("Accept", "application/json");
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          what + ": Unleash at " + base + " unreachable: " + e, "UnleashApi");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(what + ": interrupted", "UnleashApi");
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      try {
        return response.body().isBlank() ? null : JSON.readTree(response.body());
      } catch (IOException e) {
        throw ApplicationFailure.newFailure(
            what + ": Unleash answered what is not JSON", "UnleashApi");
      }
    }
    String text = what + ": Unleash answered " + status + ": " + message(response.body());
    if (status == 400 || status == 401 || status == 403 || status == 404) {
      throw ApplicationFailure.newNonRetryableFailure(text, "UnleashRefused");
    }
    throw ApplicationFailure.newFailure(text, "UnleashApi");
  }

  /** Unleash's error message, cut to a line. */
  private static String message(String body) {
    String text = body;
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.hasNonNull("message")) {
        text = json.get("message").asText();
      }
    } catch (IOException notJson) {
      // the body as it came
    }
    text = text == null ? "" : text.replaceAll("\\s+", " ");
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
