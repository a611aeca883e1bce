package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.notify.Notifier;
import io.rollwright.activities.notify.TrainNotifier;
import io.rollwright.activities.notify.slack.SlackNotifier;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.GateRef;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.TrainEvent;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainWorkflow;
import io.rollwright.client.ReleaseControls;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A train told in Slack, through the real Slack client and a local fake of its Web API: one parent
 * message and one thread for the whole train, which its releases join, with its gates as approval
 * requests whose buttons reach the train.
 */
class SlackTrainTest extends TimeSkippingTrainTest {
  private static final Pattern GATE_VALUE = Pattern.compile("\"value\":\"([^\"]+)\"");

  private final FakeSlackApi slack;
  private final SlackNotifier notifier;
  private int heardBefore;
  private volatile Runnable onGateAsked = () -> {};

  SlackTrainTest() throws IOException {
    slack = new FakeSlackApi();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.url());
    notifier =
        new SlackNotifier(
            Slack.getInstance(config).methods("xoxb-test"), "#releases", "<!subteam^S0NCALL>");
  }

  @Override
  protected List<Notifier> notifiers() {
    return List.of(
        new TrainNotifier() {
          @Override
          public String tell(io.rollwright.api.ReleaseEvent event) {
            return notifier.tell(event);
          }

          @Override
          public String tellTrain(TrainEvent event) {
            if (event.kind() == TrainEvent.Kind.GATE_OPENED) {
              onGateAsked.run();
            }
            return notifier.tellTrain(event);
          }
        });
  }

  /** What Slack heard before the test: the first releases of its services, each on its own. */
  @BeforeEach
  void forgetTheFirstReleases() {
    heardBefore = slack.calls().size();
  }

  @AfterEach
  void closeSlack() {
    slack.close();
  }

  private static TrainRequest train(String name, TrainRequest.Release... releases) {
    return new TrainRequest(name, "prod", "alice", null, null, List.of(releases));
  }

  private List<FakeSlackApi.Call> chat() {
    List<FakeSlackApi.Call> calls = slack.calls();
    return calls.subList(heardBefore, calls.size()).stream()
        .filter(c -> c.method().startsWith("chat."))
        .toList();
  }

  private List<String> replies() {
    return chat().stream()
        .filter(FakeSlackApi.Call::reply)
        .map(c -> c.params().get("text"))
        .toList();
  }

  /** The one message of the channel that is not a reply: the train's; fails unless just one. */
  private String onlyParent() {
    List<FakeSlackApi.Call> parents =
        chat().stream().filter(c -> c.method().equals("chat.postMessage") && !c.reply()).toList();
    assertEquals(1, parents.size(), "one parent message for the whole train: " + parents);
    return parents.get(0).ts();
  }

  private static boolean has(List<String> replies, String start, String part) {
    return replies.stream().anyMatch(r -> r.startsWith(start) && r.contains(part));
  }

  @Test
  void aTrainIsOneThreadItsReleasesJoinAndItsGateButtonsReachTheTrain() {
    TrainWorkflow train =
        start(
            train(
                "told",
                car("db", "2.0.0", List.of()),
                gated("api", List.of("db"), null, approvalOf(1, "carol", "dave"))));
    h.waitFor(Duration.ofHours(1));

    String parent = onlyParent();
    FakeSlackApi.Call request =
        chat().stream()
            .filter(c -> c.reply() && c.params().getOrDefault("blocks", "").contains("approve"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no approval request: " + replies()));
    assertEquals(parent, request.params().get("thread_ts"));
    assertTrue(
        request
            .params()
            .get("text")
            .contains("the gate of api: 1 approval(s) needed from carol, dave"),
        request.params().get("text"));
    Matcher value = GATE_VALUE.matcher(request.params().get("blocks"));
    assertTrue(value.find(), request.params().get("blocks"));
    GateRef gate = GateRef.parse(value.group(1));
    assertEquals("train:told@prod", gate.releaseId());
    assertEquals("api", gate.stage());

    // What a click on Approve sends: the control update to the run and gate the button names.
    ControlAnswer answer =
        new ReleaseControls(h.client, Duration.ofSeconds(30))
            .send(
                gate.releaseId(),
                gate.runId(),
                new ControlCommand(Action.APPROVE, "carol", null, gate.stage()));
    assertTrue(answer.accepted(), answer.message());
    assertEquals(ReleaseOutcome.PROMOTED, result(train).outcome());

    assertEquals(parent, onlyParent(), "the releases joined the train's thread");
    List<String> inThread =
        chat().stream()
            .filter(c -> c.reply() && parent.equals(c.params().get("thread_ts")))
            .map(FakeSlackApi.Call::ts)
            .toList();
    for (FakeSlackApi.Call c : chat()) {
      assertTrue(
          c.reply()
              ? parent.equals(c.params().get("thread_ts"))
              : c.ts().equals(parent)
                  || parent.equals(c.params().get("ts"))
                  || inThread.contains(c.params().get("ts")),
          "every message is in the train's thread: " + c);
    }
    List<String> replies = replies();
    assertTrue(has(replies, "▶️", "db 2.0.0 started"), replies.toString());
    assertTrue(has(replies, "• db@prod: stage", "passed"), "db's stages, named: " + replies);
    assertTrue(has(replies, "✅", "db@prod 2.0.0: promoted"), replies.toString());
    assertTrue(has(replies, "✅", "train:told@prod promoted"), replies.toString());
    assertFalse(
        replies.stream().anyMatch(r -> r.contains("db@prod: promoted")),
        "a release leaves its end to the train: " + replies);
    FakeSlackApi.Call closed =
        chat().stream()
            .filter(
                c -> c.method().equals("chat.update") && request.ts().equals(c.params().get("ts")))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertTrue(
        closed.params().get("text").contains("api may start: approved by carol"),
        closed.toString());
    assertFalse(
        closed.params().get("blocks").contains(SlackNotifier.APPROVAL_BLOCK), "no live button");
    FakeSlackApi.Call last =
        chat().stream()
            .filter(c -> c.method().equals("chat.update") && parent.equals(c.params().get("ts")))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertEquals("train:told@prod — PROMOTED", last.params().get("text"));
    assertTrue(last.params().get("blocks").contains("api@prod 2.0.0: promoted"), last.toString());
  }

  @Test
  void anApprovalThatCameBeforeTheGateWasAskedInSlackIsShownUnderIt() {
    AtomicReference<TrainWorkflow> started = new AtomicReference<>();
    onGateAsked =
        () -> started.get().control(new ControlCommand(Action.APPROVE, "carol", "at once"));
    started.set(
        start(
            train(
                "quick",
                car("db", "2.0.0", List.of()),
                gated("api", List.of("db"), null, approvalOf(2, "carol", "dave")))));
    h.waitFor(Duration.ofHours(1));

    FakeSlackApi.Call request =
        chat().stream()
            .filter(c -> c.reply() && c.params().getOrDefault("blocks", "").contains("approve"))
            .findFirst()
            .orElseThrow();
    FakeSlackApi.Call shown =
        chat().stream()
            .filter(
                c -> c.method().equals("chat.update") && request.ts().equals(c.params().get("ts")))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError("carol's approval was never shown"));
    assertTrue(
        shown.params().get("blocks").contains("api: approved by carol (1 of 2)")
            && shown.params().get("blocks").contains(SlackNotifier.APPROVAL_BLOCK),
        shown.params().get("blocks"));
  }

  @Test
  void aFailingTrainTellsItsStopAndEachRollbackInItsThread() {
    h.sandbox.metrics().script("api", Track.CANARY, "error-rate", "0.3");
    TrainWorkflow train =
        start(train("undone", car("db", "2.0.0", List.of()), car("api", "2.0.0", List.of("db"))));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result(train).outcome());

    onlyParent();
    List<String> replies = replies();
    assertTrue(has(replies, "🚨", "api@prod: "), "api's own alarm, named: " + replies);
    assertTrue(has(replies, "🔙", "api@prod 2.0.0: rolled back"), replies.toString());
    assertTrue(has(replies, "🚨", "train:undone@prod stops: api rolled back"), replies.toString());
    assertTrue(
        has(replies, "🔙", "rolling back db to the version promoted before 2.0.0"),
        replies.toString());
    assertTrue(has(replies, "🔙", "db@prod 2.0.0: undone"), replies.toString());
    assertTrue(
        replies.get(replies.size() - 1).startsWith("🔙 train:undone@prod rolled_back: "),
        replies.toString());
  }

  @Test
  void aTrainOfThirtyLongReleasesStillFitsOneSlackSection() throws Exception {
    List<String> standing =
        java.util.stream.IntStream.range(0, 30)
            .mapToObj(i -> "svc" + i + "@prod 2.0.0: rolled back — " + "<&>".repeat(300))
            .toList();
    notifier.tellTrain(
        new TrainEvent(
            "train:" + "n".repeat(63) + "@" + "e".repeat(63),
            "run",
            TrainEvent.Kind.STARTED,
            "x".repeat(2000),
            null,
            standing,
            null,
            null));

    FakeSlackApi.Call parent = chat().get(chat().size() - 1);
    String text =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(parent.params().get("blocks"))
            .get(0)
            .path("text")
            .path("text")
            .asText();
    assertTrue(text.length() <= 3000, "a section holds 3,000 characters: " + text.length());
    assertTrue(text.contains("• svc0@prod 2.0.0: rolled back — &lt;&amp;&gt;"), text);
  }
}
