package io.rollwright.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwright.analysis.SoakProgress;
import io.rollwright.api.ReleasePayloads;
import io.rollwright.api.ReleaseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads a release's live {@code status} through the Temporal frontend's HTTP API: the same service
 * as gRPC, as JSON over HTTP, with the JDK's own HTTP client. Nothing of gRPC or protobuf is
 * loaded, so a command line that only reads answers in a fraction of the time. It asks what {@link
 * ReleaseReader#live} asks (the query, then the pending soak's last heartbeat for the live
 * readings) and reads the payloads with the workers' own JSON mapper; what the server recorded
 * without a worker is still {@link ReleaseReader}'s to read.
 */
public final class HttpApiStatusReader {
  private static final int CONNECT_WITHIN_MILLIS = 5_000;
  private static final String QUERY = "{\"query\":{\"queryType\":\"status\"}}";

  /**
   * JSON with every payload as it was written (metadata and base64 data). Without it the HTTP API
   * shows JSON payloads as JSON values, and that shorthand reads an empty list back as null.
   */
  private static final String EXACT_PAYLOADS = "application/json+no-payload-shorthand";

  private static final String JSON_ENCODING = "json/plain";

  /** gRPC codes the HTTP API answers with in its error body. */
  private static final int NOT_FOUND = 5;

  private static final int DEADLINE_EXCEEDED = 4;
  private static final int FAILED_PRECONDITION = 9;

  private final URI base;
  private final String namespace;
  private final String apiKey;
  private final ObjectMapper json = ReleasePayloads.mapper();

  /**
   * @param base the HTTP API's scheme, host and port, e.g. {@code http://temporal.example:7243}
   * @param apiKey sent as a bearer token when not null
   */
  public HttpApiStatusReader(URI base, String namespace, String apiKey) {
    String scheme = base.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "the HTTP API address must be an http:// or https:// URL (got '" + base + "')");
    }
    this.base = base;
    this.namespace = namespace;
    this.apiKey = apiKey;
  }

  /**
   * The {@code status} query's answer with the stage's live readings; empty when no worker answered
   * within {@link ReleaseReader#ANSWER_WITHIN}.
   *
   * @throws ReleaseNotFoundException when no release has that ID
   * @throws UncheckedIOException when the HTTP API cannot be reached or answers otherwise
   */
  public Optional<ReleaseStatus> live(String releaseId) {
    JsonNode answer;
    try {
      answer = call("POST", path(releaseId) + "/query/status", QUERY, releaseId);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (answer == null) {
      return Optional.empty();
    }
    ReleaseStatus status = decode(answer.path("queryResult"), ReleaseStatus.class);
    return Optional.of(withAnalysis(releaseId, status));
  }

  /** {@code status} with the pending soak's live readings, when the server has them. */
  private ReleaseStatus withAnalysis(String releaseId, ReleaseStatus status) {
    if (!ReleaseReader.atStage(status)) {
      return status;
    }
    try {
      JsonNode described = call("GET", path(releaseId), null, releaseId);
      for (JsonNode pending : described.path("pendingActivities")) {
        JsonNode details = pending.path("heartbeatDetails");
        if (ReleaseReader.SOAK_ACTIVITY.equals(pending.path("activityType").path("name").asText())
            && details.isObject()) {
          return ReleaseReader.withProgress(status, decode(details, SoakProgress.class));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the readings are an addition: the status stands without them
    }
    return status;
  }

  private String path(String releaseId) {
    return "/api/v1/namespaces/"
        + URLEncoder.encode(namespace, StandardCharsets.UTF_8)
        + "/workflows/"
        + URLEncoder.encode(releaseId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The answer's JSON; null when the server says no worker answered in time.
   *
   * @throws SocketTimeoutException when no answer came within {@link ReleaseReader#ANSWER_WITHIN}
   *     (a connection not taken in time is an {@link IOException} like any other)
   * @throws ReleaseNotFoundException when the server has no such release
   */
  private JsonNode call(String method, String path, String body, String releaseId)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) base.resolve(path).toURL().openConnection();
    try {
      c.setConnectTimeout(CONNECT_WITHIN_MILLIS);
      c.setReadTimeout((int) ReleaseReader.ANSWER_WITHIN.toMillis());
      c.setRequestMethod(method);
      c.setRequestProperty("Accept", EXACT_PAYLOADS);
      if (apiKey != null && !apiKey.isBlank()) {
        c.setRequestProperty("Authorization", "Bearer " + apiKey);
      }
      if (body != null) {
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
      }
      try {
        c.connect();
      } catch (SocketTimeoutException e) {
        throw new IOException(
            "the HTTP API at "
                + base
                + " took no connection within "
                + CONNECT_WITHIN_MILLIS
                + " ms",
            e);
      }
      if (body != null) {
        try (OutputStream out = c.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      int code = c.getResponseCode();
      try (InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
        JsonNode answer = in == null ? json.nullNode() : json.readTree(in);
        if (code < 400) {
          return answer;
        }
        int grpc = answer.path("code").asInt(-1);
        if (grpc == NOT_FOUND) {
          throw new ReleaseNotFoundException(releaseId);
        }
        if (grpc == DEADLINE_EXCEEDED || grpc == FAILED_PRECONDITION) {
          return null;
        }
        throw new IOException(
            "the HTTP API at "
                + base
                + " answered "
                + code
                + ": "
                + answer.path("message").asText("(no message)"));
      }
    } finally {
      c.disconnect();
    }
  }

  /**
   * The first of {@code payloads} ({@code {"payloads": [{metadata, data}]}}), as the SDK reads it.
   */
  private <T> T decode(JsonNode payloads, Class<T> type) {
    JsonNode payload = payloads.path("payloads").path(0);
    String encoding = text(payload.path("metadata").path("encoding"));
    if (!JSON_ENCODING.equals(encoding)) {
      throw new UncheckedIOException(
          new IOException(
              "the "
                  + type.getSimpleName()
                  + " answered is not a "
                  + JSON_ENCODING
                  + " payload (encoding: "
                  + encoding
                  + ")"));
    }
    try {
      return json.readValue(Base64.getDecoder().decode(payload.path("data").asText()), type);
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException(
          new IOException("cannot read the " + type.getSimpleName() + " answered", e));
    }
  }

  private static String text(JsonNode base64) {
    return base64.isTextual()
        ? new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8)
        : null;
  }
}
