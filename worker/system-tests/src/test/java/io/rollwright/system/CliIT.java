package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwright.api.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every command of the {@code rollwright} command line against the real dev server and a worker
 * process.
 */
class CliIT extends RealServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static AppProcess worker;

  @BeforeAll
  static void startWorker() throws Exception {
    worker =
        worker(
            "cli",
            "--rollwright.sandbox.metrics[0]=ledger canary error-rate = 0.3",
            "--rollwright.sandbox.metrics[1]=stuck canary error-rate = 0.3",
            "--rollwright.sandbox.failures[0]=stuck route-all-to-stable 1000");
  }

  @AfterAll
  static void stopWorker() throws InterruptedException {
    if (worker != null) {
      worker.close();
    }
  }

  private static Cli cli(String... args) {
    return Cli.run(server, args);
  }

  private static String[] start(
      String service, String version, String env, String policy, String... more) {
    String[] base = {
      "start",
      service,
      version,
      "--image",
      "registry.example/" + service + ":" + version,
      "--env",
      env,
      "--policy",
      policy,
      "--requested-by",
      "alice"
    };
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void startWatchApproveEndsPromotedWithExitCodeZero() throws Exception {
    Cli started = cli(start("checkout", "2.3.0", "prod", "gate"));
    assertEquals(0, started.code(), started.toString());
    assertTrue(
        started.out().contains("Started checkout@prod (checkout 2.3.0 → prod)"),
        started.toString());
    assertTrue(
        started
            .out()
            .contains(
                "Web UI: http://localhost:8233/namespaces/default/workflows/checkout%40prod/"),
        started.toString());
    Cli again = cli(start("checkout", "2.3.1", "prod", "gate"));
    assertEquals(1, again.code(), again.toString());
    assertTrue(
        again
            .err()
            .startsWith(
                "rollwright: checkout@prod already has a release in progress (checkout 2.3.0 requested by alice"),
        again.err());

    CompletableFuture<Cli> watch =
        Cli.inBackground(server, "watch", "checkout@prod", "--every", "200ms");
    awaitPhase("checkout@prod", Phase.AWAITING_APPROVAL, Duration.ofSeconds(60));
    Cli status = cli("status", "checkout@prod");
    assertEquals(0, status.code(), status.toString());
    assertTrue(
        status.out().contains("phase: AWAITING_APPROVAL · stage 1 of 1 (canary-10) · canary 10%"),
        status.out());
    assertTrue(status.out().contains("gate: 0 of 1 approvals from bob, carol"), status.out());
    JsonNode json = JSON.readTree(cli("status", "checkout@prod", "--output", "json").out());
    assertEquals("AWAITING_APPROVAL", json.path("phase").asText());
    assertEquals("alice", json.path("requestedBy").asText());

    Cli self = cli("approve", "checkout@prod", "--as", "alice");
    assertEquals(1, self.code(), self.toString());
    assertEquals("refused: alice requested this release and cannot approve it\n", self.out());
    Cli approved = cli("approve", "checkout@prod", "--as", "bob", "--reason", "dashboards clean");
    assertEquals(0, approved.code(), approved.toString());
    assertEquals("approved by bob (1 of 1)\n", approved.out());

    Cli watched = watch.get(2, TimeUnit.MINUTES);
    assertEquals(0, watched.code(), watched.toString());
    assertTrue(watched.out().contains("⏳ Approval requested — stage canary-10"), watched.out());
    assertTrue(
        watched.out().contains("✋ Approved by bob (1 of 1); reason: dashboards clean"),
        watched.out());
    assertTrue(watched.out().contains("✅ checkout@prod PROMOTED in "), watched.out());
  }

  @Test
  void statusThroughTheHttpApiReadsWhatGrpcReads() throws Exception {
    Cli started = cli(start("quill", "2.3.0", "prod", "gate"));
    assertEquals(0, started.code(), started.toString());
    awaitPhase("quill@prod", Phase.AWAITING_APPROVAL, Duration.ofSeconds(60));

    Cli overGrpc = cli("status", "quill@prod", "--output", "json");
    Cli overHttp = cli("status", "quill@prod", "--output", "json", "--http-api", server.httpApi());
    assertEquals(0, overHttp.code(), overHttp.toString());
    assertEquals("", overHttp.err(), "read through the HTTP API, no fallback");
    assertEquals(JSON.readTree(overGrpc.out()), JSON.readTree(overHttp.out()));
    Cli text = cli("status", "quill@prod", "--http-api", server.httpApi());
    assertTrue(text.out().contains("gate: 0 of 1 approvals from bob, carol"), text.out());

    Cli unknown = cli("status", "nosuch@prod", "--http-api", server.httpApi());
    assertEquals(1, unknown.code(), unknown.toString());
    assertTrue(unknown.err().startsWith("rollwright: no release nosuch@prod"), unknown.err());

    int closed = TemporalDevServer.freePort();
    Cli unreachable = cli("status", "quill@prod", "--http-api", "http://127.0.0.1:" + closed);
    assertEquals(0, unreachable.code(), unreachable.toString());
    assertTrue(unreachable.err().contains("reading through gRPC at"), unreachable.err());
    assertTrue(unreachable.out().contains("gate: 0 of 1 approvals"), unreachable.out());

    assertEquals(0, cli("abort", "quill@prod", "--as", "bob", "--reason", "done").code());
  }

  @Test
  void aBreachEndsRolledBackWithExitCodeTwo() {
    Cli run = cli(start("ledger", "9.9.9", "prod", "soak", "--wait"));
    assertEquals(2, run.code(), run.toString());
    assertTrue(run.out().contains("🚨 Alert: analysis: error-rate 30.00% > 10.00%"), run.out());
    assertTrue(run.out().contains("🔙 ledger@prod ROLLED_BACK in "), run.out());
    assertTrue(run.out().contains("reason (analysis): error-rate 30.00% > 10.00%"), run.out());
  }

  @Test
  void aRollbackThatCannotFinishEndsFailedWithExitCodeFour() {
    Cli run = cli(start("stuck", "1.0.0", "prod", "brief-rollback", "--wait"));
    assertEquals(4, run.code(), run.toString());
    assertTrue(run.out().contains("💥 stuck@prod FAILED in "), run.out());
    assertTrue(run.out().contains("needs a human"), run.out());
  }

  @Test
  void aPolicyFileGovernsTheRelease() throws Exception {
    Path policy =
        Files.writeString(
            dir.resolve("one-stage.yaml"),
            """
        description: one stage at 30%, from a file
        analysis:
          interval: 1s
        checks:
          - metric: error-rate
            max: 0.10
        stages:
          - name: canary-30
            weight: 30
            soak: 2s
        """);
    Cli run =
        cli(
            "start",
            "inventory",
            "5.0.0",
            "--image",
            "registry.example/inventory:5.0.0",
            "--env",
            "prod",
            "--policy-file",
            policy.toString(),
            "--requested-by",
            "alice",
            "--wait");
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.out().contains("🐦 Stage canary-30 started — canary at 30%"), run.out());
  }

  @Test
  void aFailedPreflightEndsBlockedWithExitCodeThree() {
    Cli run = cli(start("search", "1.0.0", "prod", "frozen", "--wait"));
    assertEquals(3, run.code(), run.toString());
    assertTrue(run.out().contains("🔍 Pre-flight:"), run.out());
    assertTrue(run.out().contains("❌ change-freeze"), run.out());
    assertTrue(run.out().contains("🚧 search@prod BLOCKED in "), run.out());
  }

  @Test
  void pauseResumePromoteRejectAndAbortAnswerAndTheAbortRollsBack() throws Exception {
    assertEquals(0, cli(start("cart", "3.1.0", "prod", "soak")).code());
    awaitPhase("cart@prod", Phase.SOAKING, Duration.ofSeconds(60));

    assertEquals(
        new Cli(0, "paused by sam: checking a dashboard\n", ""),
        cli("pause", "cart@prod", "--as", "sam", "--reason", "checking a dashboard"));
    assertEquals(new Cli(0, "resumed by sam\n", ""), cli("resume", "cart@prod", "--as", "sam"));
    assertEquals(
        new Cli(1, "refused: no approval gate is open\n", ""),
        cli("reject", "cart@prod", "--as", "bob", "--reason", "no"));
    Cli promoted = cli("promote", "cart@prod", "--as", "sam");
    assertEquals(0, promoted.code(), promoted.toString());
    assertTrue(
        promoted.out().startsWith("promoted (ending the soak of stage canary-10) by sam"),
        promoted.out());
    Cli noReason = cli("abort", "cart@prod", "--as", "sam");
    assertEquals(1, noReason.code(), noReason.toString());
    assertTrue(
        noReason.err().contains("Missing required option: '--reason=<reason>'"), noReason.err());
    assertEquals(
        new Cli(0, "aborted by sam: wrong image\n", ""),
        cli("abort", "cart@prod", "--as", "sam", "--reason", "wrong image"));

    Cli watched = cli("watch", "cart@prod", "--every", "200ms");
    assertEquals(2, watched.code(), watched.toString());
    assertTrue(
        watched.out().contains("reason (aborted): aborted by sam: wrong image"), watched.out());
    Cli panel = cli("watch", "cart@prod", "--redraw");
    assertEquals(2, panel.code(), panel.toString());
    assertTrue(
        panel
            .out()
            .startsWith(
                "\033[H\033[2J"
                    + "cart@prod — cart 3.1.0 → prod (canary, policy soak), requested by alice"),
        panel.out());
    assertTrue(panel.out().contains("ROLLED_BACK"), panel.out());
  }

  @Test
  void aReasonCarryingALineSeparatorAndAWorkflowCommandIsPrintedEscapedOnOneLine()
      throws Exception {
    assertEquals(0, cli(start("inkwell", "1.0.0", "prod", "soak")).code());
    awaitPhase("inkwell@prod", Phase.SOAKING, Duration.ofSeconds(60));
    Cli refused =
        cli("abort", "inkwell@prod", "--as", "sam", "--reason", "ok\n::error::pwned \u001b[31mred");
    assertEquals(
        1,
        refused.code(),
        "a reason with control characters is refused before it is sent: " + refused);
    assertTrue(refused.err().contains("reason: contains a control character"), refused.err());
    String hostile = "ok\u2028::error::pwned";
    String shown = "ok\\u2028:\u200b:error:\u200b:pwned";

    Cli aborted = cli("abort", "inkwell@prod", "--as", "sam", "--reason", hostile);
    assertEquals(new Cli(0, "aborted by sam: " + shown + "\n", ""), aborted);
    Cli watched = cli("watch", "inkwell@prod", "--every", "200ms");
    assertEquals(2, watched.code(), watched.toString());
    Cli status = cli("status", "inkwell@prod");
    assertEquals(0, status.code(), status.toString());

    for (Cli printed : new Cli[] {watched, status}) {
      java.util.List<String> lines = printed.out().lines().toList();
      assertTrue(
          lines.stream().anyMatch(l -> l.endsWith("reason (aborted): aborted by sam: " + shown)),
          printed.out());
      assertTrue(
          lines.stream()
              .noneMatch(
                  l ->
                      l.strip().startsWith("::")
                          || l.contains("\u001b")
                          || (l.contains("pwned") && !l.contains(shown))),
          "a line a CI log would take as its own: " + printed.out());
    }
    JsonNode json = JSON.readTree(cli("status", "inkwell@prod", "--output", "json").out());
    assertEquals(
        "aborted by sam: " + hostile,
        json.path("result").path("detail").asText(),
        "JSON keeps the value, escaped as JSON");
  }

  @Test
  void errorsAreOneLineWithTheDocumentedExitCode() throws Exception {
    Cli unknown = cli("status", "nosuch@prod");
    assertEquals(1, unknown.code(), unknown.toString());
    assertEquals(
        "rollwright: no release nosuch@prod in this namespace (release IDs are <service>@<environment>, e.g. checkout@prod)\n",
        unknown.err());
    Cli unknownControl = cli("approve", "nosuch@prod", "--as", "bob");
    assertEquals(1, unknownControl.code(), unknownControl.toString());
    Cli badFlags = cli("start", "checkout", "2.3.0", "--env", "prod");
    assertEquals(1, badFlags.code(), badFlags.toString());
    assertTrue(
        badFlags.err().startsWith("rollwright: Missing required option: '--image=<image>'"),
        badFlags.err());
    Cli invalid = cli("start", "Checkout!", "2.3.0", "--image", "x", "--env", "prod", "--direct");
    assertEquals(1, invalid.code(), invalid.toString());
    assertTrue(invalid.err().startsWith("rollwright: invalid release request:"), invalid.err());
    Cli refused = cli(start("orders", "1.0.0", "prod", "invalid", "--wait"));
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(
        refused.err().startsWith("rollwright: orders@prod was refused, nothing was deployed: ")
            && refused.err().contains("policy.rollbackTimeout: must be between 1m and 1d (got 5s)"),
        refused.err());

    int closed = TemporalDevServer.freePort();
    Cli unreachable = Cli.run(null, "status", "checkout@prod", "--address", "127.0.0.1:" + closed);
    assertEquals(5, unreachable.code(), unreachable.toString());
    assertTrue(
        unreachable
            .err()
            .startsWith(
                "rollwright: cannot reach Temporal at 127.0.0.1:"
                    + closed
                    + " (namespace default)"),
        unreachable.err());
    assertEquals(
        1, unreachable.err().lines().count(), "one line, no stack trace: " + unreachable.err());
    Cli verbose =
        Cli.run(null, "status", "checkout@prod", "--address", "127.0.0.1:" + closed, "--verbose");
    assertTrue(verbose.err().contains("\tat "), "--verbose shows the stack trace");
  }

  @Test
  void historyAndDoraFiguresOfReleasesWithKnownOutcomes() throws Exception {
    Instant committed = Instant.now().minus(Duration.ofHours(3));
    assertEquals(
        0,
        cli(start(
                "dora-a",
                "1.0.0",
                "staging",
                "brief",
                "--change-ref",
                "c0ffee",
                "--change-time",
                committed.toString(),
                "--wait"))
            .code());
    assertEquals(0, cli(start("dora-a", "1.1.0", "staging", "soak")).code());
    awaitPhase("dora-a@staging", Phase.SOAKING, Duration.ofSeconds(60));
    assertEquals(0, cli("abort", "dora-a@staging", "--as", "sam", "--reason", "bad build").code());
    assertEquals(2, cli("watch", "dora-a@staging").code());
    assertEquals(0, cli(start("dora-a", "1.2.0", "staging", "brief", "--wait")).code());
    assertEquals(3, cli(start("dora-c", "1.0.0", "staging", "frozen", "--wait")).code());

    await(
        "the four staging releases in visibility",
        Duration.ofSeconds(30),
        () -> history(JSON, "--env", "staging").path("releases").size() == 4);
    JsonNode page = history(JSON, "--env", "staging");
    JsonNode releases = page.path("releases");
    assertEquals("[BLOCKED, PROMOTED, ROLLED_BACK, PROMOTED]", outcomes(releases));
    assertEquals("1.2.0", releases.get(1).path("version").asText());
    assertEquals(3, page.path("deployed").asInt());
    assertEquals(1 / 3.0, page.path("rollbackRate").asDouble(), 1e-9);
    Cli text = cli("history", "--env", "staging", "--service", "dora-a");
    assertTrue(
        text.out().contains("7d rollback rate: 33.3% (1 of 3 releases that deployed)"), text.out());
    assertTrue(text.out().contains("dora-a@staging 1.1.0 [feature] → ROLLED_BACK"), text.out());
    assertFalse(text.out().contains("dora-c"), text.out());

    JsonNode dora =
        JSON.readTree(cli("dora", "--env", "staging", "--since", "1d", "--output", "json").out());
    assertEquals(2, dora.path("promoted").asInt());
    assertEquals(1, dora.path("rolledBack").asInt());
    assertEquals(1, dora.path("blocked").asInt());
    assertEquals(2.0, dora.path("deploymentsPerDay").asDouble(), 1e-6);
    assertEquals(1 / 3.0, dora.path("changeFailureRate").asDouble(), 1e-9);
    assertEquals(1, dora.path("leadTimeSamples").asInt());
    Duration lead = Duration.parse(dora.path("medianLeadTime").asText());
    Instant firstPromoted = Instant.parse(releases.get(3).path("closedAt").asText());
    assertEquals(
        (double) Duration.between(committed, firstPromoted).toMillis(),
        (double) lead.toMillis(),
        1.0,
        "lead time: commit to promoted");
    Duration restore = Duration.parse(dora.path("medianTimeToRestore").asText());
    assertEquals(
        Duration.between(
            Instant.parse(releases.get(2).path("closedAt").asText()),
            Instant.parse(releases.get(1).path("closedAt").asText())),
        restore,
        "time to restore: the rollback's end to the next promotion's end");
    assertEquals(1, dora.path("restored").asInt());
    Cli doraText = cli("dora", "--env", "staging", "--since", "1d");
    assertTrue(
        doraText.out().contains("change failure rate    33.3% (1 of 3 releases that deployed)"),
        doraText.out());
  }

  private static JsonNode history(ObjectMapper json, String... filters) {
    String[] args = new String[filters.length + 3];
    args[0] = "history";
    System.arraycopy(filters, 0, args, 1, filters.length);
    args[filters.length + 1] = "--output";
    args[filters.length + 2] = "json";
    try {
      return json.readTree(cli(args).out());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String outcomes(JsonNode releases) {
    java.util.List<String> list = new java.util.ArrayList<>();
    releases.forEach(r -> list.add(r.path("outcome").asText()));
    return list.toString();
  }
}
