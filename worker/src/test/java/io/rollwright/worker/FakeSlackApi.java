package io.rollwright.worker;

import com.sun.net.httpserver.HttpServer;
import io.rollwright.standins.HttpForms;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Slack's Web API that the real Slack clients talk to: it records every call
 * ({@code chat.postMessage}, {@code chat.update}, {@code views.open}, {@code chat.postEphemeral},
 * and what is posted to a {@code response_url} under {@code /response/}), answers like Slack, knows
 * the workspace's users' emails, and can be told to answer the next calls with 429 (and
 * Retry-After) or 500.
 */
public final class FakeSlackApi implements AutoCloseable {
  /**
   * One recorded call: the method, its form parameters (a response_url post: {@code body}), and the
   * message ts it was answered with.
   */
  public record Call(String method, Map<String, String> params, String ts) {
    public boolean reply() {
      return params.containsKey("thread_ts");
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger ts = new AtomicInteger(100);
  private final AtomicInteger failures = new AtomicInteger();
  private final Map<String, String> emails = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile int failWith;
  private volatile String socketUrl;

  public FakeSlackApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/",
        exchange -> {
          String method = exchange.getRequestURI().getPath().substring("/api/".length());
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = 200;
          String answer;
          if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = failWith;
            answer = status == 429 ? "{\"ok\":false,\"error\":\"ratelimited\"}" : "upstream error";
            if (status == 429) {
              exchange.getResponseHeaders().add("Retry-After", "1");
            }
          } else if (method.equals("apps.connections.open")) {
            answer = "{\"ok\":true,\"url\":\"" + socketUrl + "\"}";
          } else if (method.equals("auth.test")) {
            answer =
                "{\"ok\":true,\"url\":\"https://rollwright-test.slack.com/\",\"team_id\":\"T0ROLL\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}";
          } else if (method.equals("users.info")) {
            String user =
                HttpForms.parse(body.isEmpty() ? exchange.getRequestURI().getRawQuery() : body)
                    .get("user");
            calls.add(new Call(method, Map.of("user", String.valueOf(user)), null));
            String email = emails.get(user);
            answer =
                email == null
                    ? "{\"ok\":false,\"error\":\"user_not_found\"}"
                    : "{\"ok\":true,\"user\":{\"id\":\""
                        + user
                        + "\",\"profile\":{"
                        + (email.isEmpty() ? "" : "\"email\":\"" + email + "\"")
                        + "}}}";
          } else if (method.equals("conversations.replies")) {
            Map<String, String> params =
                HttpForms.parse(body.isEmpty() ? exchange.getRequestURI().getRawQuery() : body);
            calls.add(new Call(method, params, null));
            answer = replies(params.get("ts"));
          } else {
            String answered = "1700000000.000" + ts.incrementAndGet();
            calls.add(new Call(method, HttpForms.parse(body), answered));
            answer = "{\"ok\":true,\"channel\":\"C0RELEASES\",\"ts\":\"" + answered + "\"}";
          }
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.createContext(
        "/response/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          calls.add(
              new Call(
                  "response_url",
                  Map.of("path", exchange.getRequestURI().getPath(), "body", body),
                  null));
          byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    server.start();
  }

  /**
   * Slack user {@code id} has {@code email} on their profile ({@code ""}: a profile without one).
   */
  public FakeSlackApi user(String id, String email) {
    emails.put(id, email);
    return this;
  }

  /** Where {@code apps.connections.open} sends Socket Mode apps. */
  public FakeSlackApi socket(String url) {
    socketUrl = url;
    return this;
  }

  /** A response_url for one click, answered and recorded here. */
  public String responseUrl(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + name;
  }

  /**
   * The thread's replies as Slack lists them: each posted reply, with its blocks as last updated.
   */
  private String replies(String thread) {
    StringBuilder messages = new StringBuilder();
    for (Call posted : calls) {
      if (!posted.method().equals("chat.postMessage")
          || !thread.equals(posted.params().get("thread_ts"))) {
        continue;
      }
      Map<String, String> latest = posted.params();
      for (Call c : calls) {
        if (c.method().equals("chat.update") && posted.ts().equals(c.params().get("ts"))) {
          latest = c.params();
        }
      }
      messages
          .append(messages.length() == 0 ? "" : ",")
          .append("{\"type\":\"message\",\"ts\":\"")
          .append(posted.ts())
          .append("\",\"text\":")
          .append(quote(latest.get("text")))
          .append(",\"blocks\":")
          .append(latest.getOrDefault("blocks", "[]"))
          .append('}');
    }
    return "{\"ok\":true,\"messages\":[" + messages + "]}";
  }

  private static String quote(String s) {
    return "\""
        + (s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
        + "\"";
  }

  /** The next {@code times} calls are answered with {@code status} (429 or 500). */
  public void failNext(int times, int status) {
    failWith = status;
    failures.set(times);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
