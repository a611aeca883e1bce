package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.notify.Notifier;
import io.rollwright.activities.notify.slack.SlackNotifier;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ReleaseEvent.Kind;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseWorkflow;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Releases told in Slack through the real Slack client and a local fake of its Web API. */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlackNotificationTest {
  @RegisterExtension static final TestWorkflowExtension temporal = ReleaseHarness.extension();

  private FakeSlackApi slack;
  private ReleaseHarness h;
  private volatile Runnable onRequestPosted = () -> {};

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker) throws Exception {
    slack = new FakeSlackApi();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.url());
    SlackNotifier notifier =
        new SlackNotifier(
            Slack.getInstance(config).methods("xoxb-test"), "#releases", "<!subteam^S0NCALL>");
    Notifier thenClicks =
        event -> {
          String thread = notifier.tell(event);
          if (event.kind() == Kind.APPROVAL_REQUESTED) {
            onRequestPosted.run();
          }
          return thread;
        };
    h = new ReleaseHarness(env, worker, clock -> null, List.of(thenClicks));
  }

  @AfterEach
  void tearDown() {
    slack.close();
  }

  @Test
  void aReleaseIsOneParentMessageKeptCurrentWithFewThreadReplies() {
    ReleaseResult result = h.run(ReleaseHarness.request("checkout", "fast"));

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome());
    List<FakeSlackApi.Call> calls =
        slack.calls().stream().filter(c -> c.method().startsWith("chat.")).toList();
    List<FakeSlackApi.Call> parents =
        calls.stream().filter(c -> c.method().equals("chat.postMessage") && !c.reply()).toList();
    assertEquals(1, parents.size(), "one parent message per release");
    String parent =
        calls.stream()
            .filter(c -> c.method().equals("chat.update"))
            .findFirst()
            .orElseThrow()
            .params()
            .get("ts");
    assertTrue(
        calls.stream()
            .filter(c -> !c.method().equals("chat.postMessage") || c.reply())
            .allMatch(
                c -> parent.equals(c.params().getOrDefault("ts", c.params().get("thread_ts")))),
        "everything else updates or answers it");
    List<String> replies =
        calls.stream().filter(FakeSlackApi.Call::reply).map(c -> c.params().get("text")).toList();
    assertEquals(2, replies.size(), replies.toString());
    assertTrue(
        calls.stream()
            .noneMatch(
                c -> c.params().getOrDefault("blocks", "").contains(SlackNotifier.APPROVAL_BLOCK)));
    assertTrue(replies.get(0).contains("stage canary-20 passed"), replies.toString());
    assertTrue(replies.get(1).startsWith("✅ promoted — "), replies.toString());
    FakeSlackApi.Call last =
        calls.stream()
            .filter(c -> c.method().equals("chat.update"))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertTrue(
        last.params().get("text").equals("checkout@prod — PROMOTED"), last.params().toString());
  }

  @Test
  void anApprovalGateIsARequestWithButtonsThatCloseWithTheGate() {
    var release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(java.time.Duration.ofMinutes(41));
    FakeSlackApi.Call request =
        slack.calls().stream()
            .filter(
                c ->
                    c.reply()
                        && c.params()
                            .getOrDefault("blocks", "")
                            .contains(SlackNotifier.APPROVAL_BLOCK))
            .findFirst()
            .orElseThrow();
    assertTrue(
        request.params().get("blocks").contains("\"action_id\":\"approve\"")
            && request.params().get("blocks").contains("\"action_id\":\"reject\""),
        request.params().get("blocks"));
    assertTrue(
        request
            .params()
            .get("text")
            .contains("2 approval(s) needed from alice, bob, carol within 2h (by "),
        request.params().get("text"));

    assertTrue(
        request
            .params()
            .get("blocks")
            .contains(
                "\"value\":\"checkout@prod|"
                    + WorkflowStub.fromTyped(release).getExecution().getRunId()
                    + "|canary-50\""),
        "each button carries its run and gate: " + request.params().get("blocks"));

    release.approve(new io.rollwright.api.ApprovalDecision("bob", "ok"));
    h.waitFor(java.time.Duration.ofSeconds(5));
    FakeSlackApi.Call progress =
        slack.calls().stream()
            .filter(
                c -> c.method().equals("chat.update") && request.ts().equals(c.params().get("ts")))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertTrue(
        progress.params().get("blocks").contains("approved so far by bob (1 of 2)"),
        progress.params().get("blocks"));
    assertTrue(
        progress.params().get("blocks").contains(SlackNotifier.APPROVAL_BLOCK),
        "the buttons stay while the gate is open");

    release.approve(new io.rollwright.api.ApprovalDecision("carol", "ok"));
    assertEquals(ReleaseOutcome.PROMOTED, h.result(release).outcome());

    FakeSlackApi.Call closed =
        slack.calls().stream()
            .filter(
                c -> c.method().equals("chat.update") && request.ts().equals(c.params().get("ts")))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertTrue(
        !closed.params().get("blocks").contains(SlackNotifier.APPROVAL_BLOCK),
        "no button stays live: " + closed.params());
    assertTrue(
        closed.params().get("text").contains("approved by bob, carol"),
        closed.params().get("text"));
  }

  @Test
  void anApprovalThatCameWhileTheRequestWasBeingPostedIsShown() {
    AtomicReference<ReleaseWorkflow> started = new AtomicReference<>();
    onRequestPosted =
        () ->
            started
                .get()
                .approve(new ApprovalDecision("bob", "clicked as soon as the buttons showed"));
    started.set(h.start(ReleaseHarness.request("checkout", "gated")));
    h.waitFor(java.time.Duration.ofMinutes(41));

    FakeSlackApi.Call request =
        slack.calls().stream()
            .filter(
                c ->
                    c.reply()
                        && c.params()
                            .getOrDefault("blocks", "")
                            .contains(SlackNotifier.APPROVAL_BLOCK))
            .findFirst()
            .orElseThrow();
    FakeSlackApi.Call progress =
        slack.calls().stream()
            .filter(
                c -> c.method().equals("chat.update") && request.ts().equals(c.params().get("ts")))
            .reduce((a, b) -> b)
            .orElseThrow(
                () -> new AssertionError("the request was never updated with bob's approval"));
    assertTrue(
        progress.params().get("blocks").contains("approved so far by bob (1 of 2)"),
        progress.params().get("blocks"));
  }

  @Test
  void aRollbackIsToldWithItsReason() {
    h.sandbox.metrics().script("checkout", Track.CANARY, "error-rate", "0.3");

    assertEquals(
        ReleaseOutcome.ROLLED_BACK, h.run(ReleaseHarness.request("checkout", "fast")).outcome());

    List<String> replies =
        slack.calls().stream()
            .filter(FakeSlackApi.Call::reply)
            .map(c -> c.params().get("text"))
            .toList();
    assertTrue(
        replies.stream()
            .anyMatch(r -> r.startsWith("🚨") && r.contains("error-rate 30.00% &gt; 5.00%")),
        replies.toString());
    assertTrue(
        replies.get(replies.size() - 1).startsWith("🔙 rolled_back — error-rate 30.00% &gt; 5.00%"),
        replies.toString());
  }

  @Test
  void aCallersReasonReachesSlackEscapedAndMentionsNobody() {
    var release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(java.time.Duration.ofMinutes(41));
    release.reject(
        new io.rollwright.api.ApprovalDecision(
            "bob", "<!channel> see <https://evil.example|the fix> & <@U123>"));
    assertEquals(ReleaseOutcome.ROLLED_BACK, h.result(release).outcome());

    String escaped =
        "&lt;!channel&gt; see &lt;https://evil.example|the fix&gt; &amp; &lt;@U123&gt;";
    List<FakeSlackApi.Call> told =
        slack.calls().stream().filter(c -> c.method().startsWith("chat.")).toList();
    assertTrue(
        told.stream()
            .filter(FakeSlackApi.Call::reply)
            .anyMatch(
                c ->
                    c.params()
                        .get("text")
                        .equals("🚨 rolling back — rejected: rejected by bob: " + escaped)),
        told.toString());
    assertTrue(
        told.stream().anyMatch(c -> blocks(c).contains("rejected by bob: " + escaped)),
        told.toString());
    for (FakeSlackApi.Call c : told) {
      String sent = c.params().getOrDefault("text", "") + blocks(c);
      assertTrue(
          !sent.contains("<!") && !sent.contains("<@") && !sent.contains("<http"),
          "a live mention or link reached Slack: " + sent);
    }
  }

  /**
   * The call's blocks as Slack reads them: the client's JSON writes {@code <}, {@code >} and {@code
   * &} as unicode escapes.
   */
  private static String blocks(FakeSlackApi.Call c) {
    return c.params()
        .getOrDefault("blocks", "")
        .replace("\\u003c", "<")
        .replace("\\u003e", ">")
        .replace("\\u0026", "&");
  }

  @Test
  void slackRateLimitingOrFailingNeverFailsARelease() {
    slack.failNext(2, 429);
    assertEquals(
        ReleaseOutcome.PROMOTED, h.run(ReleaseHarness.request("checkout", "fast")).outcome());
    assertTrue(
        slack.calls().stream().anyMatch(c -> c.method().equals("chat.postMessage")),
        "delivered once Slack let it");

    slack.failNext(Integer.MAX_VALUE, 500);
    assertEquals(ReleaseOutcome.PROMOTED, h.run(ReleaseHarness.request("cart", "fast")).outcome());
  }
}
