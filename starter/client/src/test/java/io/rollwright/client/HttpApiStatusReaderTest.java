package io.rollwright.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The requests the HTTP API reader sends and how it reads each kind of answer, against a stand-in
 * answering with bodies shaped as the Temporal frontend's (its real HTTP API is exercised by the
 * system tests' {@code CliIT}).
 */
class HttpApiStatusReaderTest {
  private static final String STATUS =
      """
      {"releaseId":"checkout@prod","service":"checkout","version":"2.3.0","environment":"prod",
       "strategy":"canary","requestedBy":"alice","policy":"standard","phase":"SOAKING",
       "stageNumber":1,"stageCount":3,"stage":"canary-5","weight":5.0,"verdicts":[],
       "preflight":[],"audit":[],"startedAtMillis":1000}""";

  private final List<String> asked = new CopyOnWriteArrayList<>();
  private HttpServer server;

  /** A stand-in answering every query with {@code code} and {@code query}, describe with {}. */
  private HttpApiStatusReader answering(int code, String query, String apiKey) throws IOException {
    byte[] answer = query.getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          asked.add(
              exchange.getRequestHeaders().getFirst("Accept")
                  + " "
                  + exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getRawPath()
                  + (auth == null ? "" : " " + auth)
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          boolean isQuery = "POST".equals(exchange.getRequestMethod());
          byte[] body = isQuery ? answer : "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(isQuery ? code : 200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return new HttpApiStatusReader(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "default", apiKey);
  }

  /** {@code json} as the HTTP API shows payloads without its shorthand. */
  private static String payloads(String json) {
    Base64.Encoder base64 = Base64.getEncoder();
    return "{\"payloads\":[{\"metadata\":{\"encoding\":\""
        + base64.encodeToString("json/plain".getBytes(StandardCharsets.UTF_8))
        + "\"},\"data\":\""
        + base64.encodeToString(json.getBytes(StandardCharsets.UTF_8))
        + "\"}]}";
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  @Test
  void aLiveStatusIsReadFromTheQueryResultThenTheSoakIsAskedFor() throws IOException {
    HttpApiStatusReader reader =
        answering(200, "{\"queryResult\":" + payloads(STATUS) + "}", "secret-key");

    Optional<ReleaseStatus> status = reader.live("checkout@prod");

    assertEquals(Phase.SOAKING, status.orElseThrow().phase());
    assertEquals(5.0, status.get().weight());
    assertEquals(List.of(), status.get().audit(), "an empty list stays a list");
    assertEquals(
        List.of(
            "application/json+no-payload-shorthand"
                + " POST /api/v1/namespaces/default/workflows/checkout%40prod/query/status"
                + " Bearer secret-key {\"query\":{\"queryType\":\"status\"}}",
            "application/json+no-payload-shorthand"
                + " GET /api/v1/namespaces/default/workflows/checkout%40prod Bearer secret-key "),
        asked);
  }

  @Test
  void noSuchReleaseIsNotFound() throws IOException {
    HttpApiStatusReader reader =
        answering(404, "{\"code\":5,\"message\":\"workflow not found for ID: ghost@prod\"}", null);
    assertThrows(ReleaseNotFoundException.class, () -> reader.live("ghost@prod"));
  }

  @Test
  void noWorkerAnsweringInTimeIsNoLiveStatus() throws IOException {
    HttpApiStatusReader deadline =
        answering(504, "{\"code\":4,\"message\":\"context deadline exceeded\"}", null);
    assertEquals(Optional.empty(), deadline.live("checkout@prod"));
    stop();
    HttpApiStatusReader noPoller =
        answering(400, "{\"code\":9,\"message\":\"no poller seen for task queue\"}", null);
    assertEquals(Optional.empty(), noPoller.live("checkout@prod"));
  }

  @Test
  void anyOtherAnswerIsAnErrorNamingIt() throws IOException {
    HttpApiStatusReader reader =
        answering(503, "{\"code\":14,\"message\":\"frontend is shutting down\"}", null);
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> reader.live("checkout@prod"));
    assertTrue(
        e.getCause().getMessage().endsWith("answered 503: frontend is shutting down"),
        e.getCause().getMessage());
  }

  @Test
  void onlyAnHttpAddressIsTaken() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new HttpApiStatusReader(URI.create("temporal.example:7243"), "default", null));
    assertTrue(e.getMessage().contains("must be an http:// or https:// URL"), e.getMessage());
  }
}
