package io.rollwright.worker;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Slack's Web API that the real Slack client talks to: it records every
 * {@code chat.postMessage} and {@code chat.update} call, answers like Slack, and can be told to
 * answer the next calls with 429 (and Retry-After) or 500.
 */
final class FakeSlackApi implements AutoCloseable {
  /** One recorded call: the method and its form parameters. */
  record Call(String method, Map<String, String> params) {
    boolean reply() {
      return params.containsKey("thread_ts");
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger ts = new AtomicInteger(100);
  private final AtomicInteger failures = new AtomicInteger();
  private volatile int failWith;

  FakeSlackApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/", exchange -> {
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = 200;
      String answer;
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        status = failWith;
        answer = status == 429 ? "{\"ok\":false,\"error\":\"ratelimited\"}" : "upstream error";
        if (status == 429) {
          exchange.getResponseHeaders().add("Retry-After", "1");
        }
      } else {
        calls.add(new Call(method, form(body)));
        answer = "{\"ok\":true,\"channel\":\"C0RELEASES\",\"ts\":\"1700000000.000" + ts.incrementAndGet() + "\"}";
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  /** The next {@code times} calls are answered with {@code status} (429 or 500). */
  void failNext(int times, int status) {
    failWith = status;
    failures.set(times);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
