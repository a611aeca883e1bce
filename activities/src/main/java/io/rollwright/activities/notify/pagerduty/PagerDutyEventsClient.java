package io.rollwright.activities.notify.pagerduty;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A client of PagerDuty's Events API v2 ({@code POST /v2/enqueue}): one JSON event per call,
 * answered 202. PagerDuty offers no Java library for it; it is one documented request. A refused
 * event (400) throws {@link IllegalArgumentException}; rate limiting (429), a server error or no
 * answer throws {@link IllegalStateException}, worth retrying.
 */
public final class PagerDutyEventsClient {
  /** The Events API's own address. */
  public static final URI EVENTS = URI.create("https://events.pagerduty.com");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An event: trigger, acknowledge or resolve the alert {@code dedupKey}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Event(
      @JsonProperty("routing_key") String routingKey,
      @JsonProperty("event_action") String eventAction,
      @JsonProperty("dedup_key") String dedupKey,
      String client,
      @JsonProperty("client_url") String clientUrl,
      Payload payload) {}

  /** What a trigger says: summary, where from, how bad, and details. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Payload(
      String summary,
      String source,
      String severity,
      String component,
      String group,
      @JsonProperty("class") String type,
      @JsonProperty("custom_details") Map<String, Object> customDetails) {}

  private final HttpClient http;
  private final URI enqueue;
  private final Duration timeout;

  public PagerDutyEventsClient(URI base, Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.enqueue = URI.create(base.toString().replaceAll("/+$", "") + "/v2/enqueue");
    this.timeout = timeout;
  }

  /** Sends {@code event}; returns the dedup key PagerDuty filed it under. */
  public String send(Event event) {
    HttpResponse<String> answer;
    try {
      answer =
          http.send(
              HttpRequest.newBuilder(enqueue)
                  .timeout(timeout)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(event)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("PagerDuty unreachable at " + enqueue + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while paging", e);
    }
    int status = answer.statusCode();
    if (status == 202 || status == 200) {
      return dedupKey(answer.body(), event.dedupKey());
    }
    String what = "PagerDuty answered " + status + ": " + answer.body();
    if (status == 400) {
      throw new IllegalArgumentException(what);
    }
    throw new IllegalStateException(what);
  }

  private static String dedupKey(String body, String sent) {
    try {
      return JSON.readTree(body).path("dedup_key").asText(sent);
    } catch (JsonProcessingException e) {
      return sent;
    }
  }
}
