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
  /** One recorded call: the method, its form parameters, and the message ts it was answered with. */
  record Call(String method, Map<String, String> params, String ts) {
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
      } else if (method.equals("conversations.replies")) {
        Map<String, String> params = form(body.isEmpty() ? exchange.getRequestURI().getRawQuery() : body);
        calls.add(new Call(method, params, null));
        answer = replies(params.get("ts"));
      } else {
        String answered = "1700000000.000" + ts.incrementAndGet();
        calls.add(new Call(method, form(body), answered));
        answer = "{\"ok\":true,\"channel\":\"C0RELEASES\",\"ts\":\"" + answered + "\"}";
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  /** The thread's replies as Slack lists them: each posted reply, with its blocks as last updated. */
  private String replies(String thread) {
    StringBuilder messages = new StringBuilder();
    for (Call posted : calls) {
      if (!posted.method().equals("chat.postMessage") || !thread.equals(posted.params().get("thread_ts"))) {
        continue;
      }
      Map<String, String> latest = posted.params();
      for (Call c : calls) {
        if (c.method().equals("chat.update") && posted.ts().equals(c.params().get("ts"))) {
          latest = c.params();
        }
      }
      messages.append(messages.length() == 0 ? "" : ",").append("{\"type\":\"message\",\"ts\":\"").append(posted.ts())
          .append("\",\"text\":").append(quote(latest.get("text"))).append(",\"blocks\":").append(latest.getOrDefault("blocks", "[]")).append('}');
    }
    return "{\"ok\":true,\"messages\":[" + messages + "]}";
  }

  private static String quote(String s) {
    return "\"" + (s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")) + "\"";
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
    for (String pair : (body == null ? "" : body).split("&")) {
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
