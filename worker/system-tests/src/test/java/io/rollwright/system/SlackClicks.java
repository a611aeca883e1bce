package io.rollwright.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollwright.activities.notify.slack.SlackNotifier;
import io.rollwright.worker.FakeSlackApi;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Clicks in Slack, as Slack sends them: interactivity payloads, form-encoded and signed with the
 * app's signing secret, posted to the starter service's Slack endpoint; and what the fake Slack API
 * recorded in answer.
 */
final class SlackClicks {
  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AppProcess service;
  private final FakeSlackApi slack;
  private final HttpClient http = HttpClient.newHttpClient();

  SlackClicks(AppProcess service, FakeSlackApi slack) {
    this.service = service;
    this.slack = slack;
  }

  AppProcess service() {
    return service;
  }

  /** Slack's v0 signature, computed here independently of the service's. */
  static String sign(String secret, long timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v0="
        + HexFormat.of()
            .formatHex(
                mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The Approve button's value in the approval request the worker posted for release {@code id}.
   */
  String approveButtonOf(String id, Duration within) throws Exception {
    FakeSlackApi.Call request =
        await(
            "the approval request of " + id,
            within,
            c ->
                c.method().equals("chat.postMessage")
                    && c.reply()
                    && c.params().getOrDefault("blocks", "").contains(SlackNotifier.APPROVAL_BLOCK)
                    && c.params().get("blocks").contains(id + "|"));
    for (JsonNode block : JSON.readTree(request.params().get("blocks"))) {
      for (JsonNode element : block.path("elements")) {
        if (element.path("action_id").asText().equals("approve")) {
          return element.path("value").asText();
        }
      }
    }
    throw new AssertionError("no Approve button in " + request.params().get("blocks"));
  }

  /**
   * The form body of a click on button {@code action} by {@code user}; {@code name} names its
   * response_url and trigger.
   */
  String clickBody(String user, String action, String value, String name) {
    return "payload="
        + URLEncoder.encode(clickPayload(user, action, value, name), StandardCharsets.UTF_8);
  }

  /** The JSON payload of that click, as Socket Mode carries it. */
  String clickPayload(String user, String action, String value, String name) {
    ObjectNode payload =
        JSON.createObjectNode()
            .put("type", "block_actions")
            .put("api_app_id", "A0ROLL")
            .put("trigger_id", "trigger-" + name)
            .put("response_url", slack.responseUrl(name));
    payload.putObject("user").put("id", user).put("team_id", "T0ROLL");
    payload.putObject("team").put("id", "T0ROLL");
    payload.putObject("channel").put("id", "C0RELEASES");
    payload
        .putArray("actions")
        .addObject()
        .put("type", "button")
        .put("action_id", action)
        .put("block_id", SlackNotifier.APPROVAL_BLOCK)
        .put("value", value)
        .put("action_ts", "1700000000.1");
    return payload.toString();
  }

  HttpResponse<String> click(String user, String action, String value, String name)
      throws Exception {
    return signedPost(clickBody(user, action, value, name));
  }

  /** Submits the rejection form (its private metadata as Slack keeps it) with {@code reason}. */
  HttpResponse<String> submitRejection(String user, String metadata, String reason)
      throws Exception {
    ObjectNode payload =
        JSON.createObjectNode().put("type", "view_submission").put("api_app_id", "A0ROLL");
    payload.putObject("user").put("id", user).put("team_id", "T0ROLL");
    payload.putObject("team").put("id", "T0ROLL");
    ObjectNode view =
        payload
            .putObject("view")
            .put("id", "V0REJECT")
            .put("type", "modal")
            .put("callback_id", "rollwright-reject")
            .put("private_metadata", metadata);
    view.putObject("state")
        .putObject("values")
        .putObject("reason")
        .putObject("reason")
        .put("type", "plain_text_input")
        .put("value", reason);
    return signedPost("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8));
  }

  private HttpResponse<String> signedPost(String body) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    return post(body, String.valueOf(now), sign(SECRET, now, body));
  }

  /** Posts {@code body} to the Slack endpoint with these headers (null: header left out). */
  HttpResponse<String> post(String body, String timestamp, String signature)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/slack/events"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (timestamp != null) {
      request.header("X-Slack-Request-Timestamp", timestamp);
    }
    if (signature != null) {
      request.header("X-Slack-Signature", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** What the clicker of click {@code name} was told, ephemerally, through its response_url. */
  String answerTo(String name) throws Exception {
    JsonNode answer = responseTo(name);
    if (!answer.path("response_type").asText().equals("ephemeral")
        || answer.path("replace_original").asBoolean(true)) {
      throw new AssertionError("not an ephemeral answer: " + answer);
    }
    return answer.path("text").asText();
  }

  /** What was posted to the response_url of click or command {@code name}. */
  JsonNode responseTo(String name) throws Exception {
    return JSON.readTree(
        await(
                "the answer to " + name,
                Duration.ofSeconds(30),
                c ->
                    c.method().equals("response_url")
                        && c.params().get("path").endsWith("/" + name))
            .params()
            .get("body"));
  }

  /**
   * Sends slash command {@code /rollwright} with {@code text} as {@code user}; {@code name} names
   * its response_url.
   */
  HttpResponse<String> command(String user, String text, String name) throws Exception {
    String body =
        form(
            "command",
            "/rollwright",
            "text",
            text,
            "user_id",
            user,
            "team_id",
            "T0ROLL",
            "channel_id",
            "C0RELEASES",
            "api_app_id",
            "A0ROLL",
            "trigger_id",
            "trigger-" + name,
            "response_url",
            slack.responseUrl(name));
    return signedPost(body);
  }

  private static String form(String... pairs) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      body.append(body.isEmpty() ? "" : "&")
          .append(pairs[i])
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return body.toString();
  }

  /** The private metadata of the rejection form opened for click {@code name}. */
  String rejectionForm(String name) throws Exception {
    FakeSlackApi.Call opened =
        await(
            "the rejection form for " + name,
            Duration.ofSeconds(30),
            c ->
                c.method().equals("views.open")
                    && ("trigger-" + name).equals(c.params().get("trigger_id")));
    return JSON.readTree(opened.params().get("view")).path("private_metadata").asText();
  }

  /** The text of the ephemeral message posted to Slack user {@code user}. */
  String ephemeralTo(String user) throws Exception {
    return await(
            "an ephemeral message to " + user,
            Duration.ofSeconds(30),
            c -> c.method().equals("chat.postEphemeral") && user.equals(c.params().get("user")))
        .params()
        .get("text");
  }

  /** Everything the approval request of release {@code id} has shown, update by update. */
  String requestShown(String id) {
    String ts = request(id).ts();
    StringBuilder shown = new StringBuilder();
    slack.calls().stream()
        .filter(c -> c.method().equals("chat.update") && ts.equals(c.params().get("ts")))
        .forEach(c -> shown.append(c.params().get("blocks")).append('\n'));
    return shown.toString();
  }

  /**
   * Waits until the approval request of release {@code id} has been replaced by one without
   * buttons.
   */
  void awaitClosed(String id) throws Exception {
    String ts = request(id).ts();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Optional<FakeSlackApi.Call> last =
          slack.calls().stream()
              .filter(c -> c.method().equals("chat.update") && ts.equals(c.params().get("ts")))
              .reduce((a, b) -> b);
      if (last.isPresent()
          && !last.get()
              .params()
              .getOrDefault("blocks", "")
              .contains(SlackNotifier.APPROVAL_BLOCK)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the approval request of " + id + " still has live buttons: " + last);
      }
      Thread.sleep(100);
    }
  }

  /** The thread the approval request of release (or train) {@code id} was posted in. */
  String requestThread(String id) {
    return request(id).params().get("thread_ts");
  }

  private FakeSlackApi.Call request(String id) {
    return slack.calls().stream()
        .filter(
            c ->
                c.method().equals("chat.postMessage")
                    && c.reply()
                    && c.params().getOrDefault("blocks", "").contains(id + "|"))
        .findFirst()
        .orElseThrow();
  }

  private FakeSlackApi.Call await(String what, Duration within, Predicate<FakeSlackApi.Call> match)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      List<FakeSlackApi.Call> calls = slack.calls();
      Optional<FakeSlackApi.Call> found = calls.stream().filter(match).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out waiting for "
                + what
                + "; Slack saw "
                + calls.stream().map(FakeSlackApi.Call::method).toList());
      }
      Thread.sleep(100);
    }
  }
}
