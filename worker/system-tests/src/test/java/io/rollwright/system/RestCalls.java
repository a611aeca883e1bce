package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls to the REST API of a service process, as a client with a bearer token makes them. */
final class RestCalls {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private RestCalls() {}

  /** An answer: its status, content type, body as JSON (a null node when empty), and itself. */
  record Reply(int status, String contentType, JsonNode body, HttpResponse<String> raw) {}

  /** {@code method path} on {@code app}, with {@code token} (none when null) and a JSON body. */
  static Reply call(AppProcess app, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        json,
        response);
  }

  /** {@code reply} is an RFC 9457 problem of {@code status} whose detail has that text. */
  static void assertProblem(Reply reply, int status, String detailContains) {
    assertEquals(status, reply.status(), reply.raw().body());
    assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
    assertEquals(status, reply.body().path("status").asInt(), reply.raw().body());
    assertTrue(reply.body().path("detail").asText().contains(detailContains), reply.raw().body());
  }
}
