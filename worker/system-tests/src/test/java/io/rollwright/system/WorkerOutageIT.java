package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The front doors ride out a missing worker: {@code start --wait} and {@code watch} keep waiting
 * while no worker answers, say so, and exit with the release's real outcome once a new worker
 * finishes it; {@code status} answers at once from what the server recorded, saying it is not live.
 */
class WorkerOutageIT extends RealServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration STATUS_WITHIN = Duration.ofSeconds(15);

  /** What the two followers printed, and what {@code status} said during the outage. */
  private record Followed(Cli started, Cli watched, Cli status, JsonNode statusJson) {}

  /**
   * Starts {@code service}'s release with {@code start --wait} and follows it with {@code watch},
   * takes every worker away with {@code kill -9} mid-soak for {@link #OUTAGE}, asks {@code status}
   * meanwhile, then starts a worker with {@code settings}; returns once both followers exited.
   */
  private static Followed withAWorkerOutage(String service, String... settings) throws Exception {
    String id = service + "@prod";
    CompletableFuture<Cli> started;
    CompletableFuture<Cli> watched;
    try (AppProcess first = worker(service + "-1").awaitUp(Duration.ofMinutes(1))) {
      started =
          Cli.inBackground(
              server,
              "start",
              service,
              "2.3.0",
              "--image",
              "registry.example/" + service + ":2.3.0",
              "--env",
              "prod",
              "--policy",
              "outage",
              "--requested-by",
              "alice",
              "--wait");
      awaitAction(service, "set-weight 10%", Duration.ofMinutes(1));
      watched = Cli.inBackground(server, "watch", id, "--every", "500ms");
      Thread.sleep(2_000);
      first.kill9();
    }
    long killed = System.nanoTime();
    Thread.sleep(8_000);
    long asked = System.nanoTime();
    Cli status = Cli.run(server, "status", id);
    Duration took = Duration.ofNanos(System.nanoTime() - asked);
    assertTrue(took.compareTo(STATUS_WITHIN) < 0, "status took " + took + " without a worker");
    JsonNode statusJson = JSON.readTree(Cli.run(server, "status", id, "--output", "json").out());
    assertFalse(
        started.isDone() || watched.isDone(), "the followers keep waiting while no worker answers");
    Thread.sleep(
        Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - killed).toMillis()));
    try (AppProcess second = worker(service + "-2", settings)) {
      return new Followed(
          started.get(3, TimeUnit.MINUTES), watched.get(1, TimeUnit.MINUTES), status, statusJson);
    }
  }

  private static void assertRodeOutTheOutage(Cli followed, String outcomeLine) {
    assertTrue(followed.out().contains("⚠️  No worker has answered since "), followed.toString());
    assertTrue(
        followed.out().contains("the server last recorded SOAKING · stage canary-10 · canary 10%"),
        followed.toString());
    assertTrue(followed.out().contains("🔌 A worker is answering again"), followed.toString());
    assertTrue(followed.out().contains(outcomeLine), followed.toString());
    assertFalse(followed.err().contains("unexpected error"), followed.toString());
  }

  @Test
  void startWaitAndWatchWaitOutAMissingWorkerAndExitZeroWhenTheReleaseIsPromoted()
      throws Exception {
    Followed run = withAWorkerOutage("depot");

    assertEquals(0, run.status().code(), run.status().toString());
    assertTrue(
        run.status()
            .out()
            .contains(
                "not live: no worker answered within 5s; this is what the server last recorded"),
        run.status().out());
    assertTrue(
        run.status().out().contains("recorded: SOAKING · stage canary-10 · canary 10%"),
        run.status().out());
    assertFalse(run.statusJson().path("live").asBoolean(true), run.statusJson().toString());
    assertEquals("SOAKING", run.statusJson().path("status").asText());
    assertEquals("canary-10", run.statusJson().path("stage").asText());

    assertEquals(0, run.started().code(), run.started().toString());
    assertRodeOutTheOutage(run.started(), "✅ depot@prod PROMOTED in ");
    assertEquals(0, run.watched().code(), run.watched().toString());
    assertRodeOutTheOutage(run.watched(), "✅ depot@prod PROMOTED in ");

    Cli ended = Cli.run(server, "status", "depot@prod");
    assertEquals(0, ended.code(), ended.toString());
    assertTrue(
        ended.out().contains("✅ depot@prod PROMOTED in "),
        "a completed release shows its outcome without a worker: " + ended.out());
    assertTrue(ended.out().contains("not live"), ended.out());
    Cli watchedAfter = Cli.run(server, "watch", "depot@prod");
    assertEquals(0, watchedAfter.code(), watchedAfter.toString());
    assertTrue(watchedAfter.out().contains("✅ depot@prod PROMOTED in "), watchedAfter.out());
    assertFalse(
        watchedAfter.out().contains("Still waiting"),
        "an ended release is not waited for: " + watchedAfter.out());
  }

  @Test
  void aReleaseRolledBackAfterTheOutageExitsTwo() throws Exception {
    Followed run =
        withAWorkerOutage(
            "ledger", "--rollwright.sandbox.metrics[0]=ledger canary error-rate = 0.3");

    assertEquals(0, run.status().code(), run.status().toString());
    assertEquals(2, run.started().code(), run.started().toString());
    assertRodeOutTheOutage(run.started(), "🔙 ledger@prod ROLLED_BACK in ");
    assertEquals(2, run.watched().code(), run.watched().toString());
    assertRodeOutTheOutage(run.watched(), "reason (analysis): error-rate 30.00% > 10.00%");
  }

  @Test
  void anUnknownReleaseIsStillNotFound() {
    Cli status = Cli.run(server, "status", "nosuch@prod");
    assertEquals(1, status.code(), status.toString());
    assertTrue(status.err().startsWith("rollwright: no release nosuch@prod"), status.err());
    Cli watch = Cli.run(server, "watch", "nosuch@prod");
    assertEquals(1, watch.code(), watch.toString());
    assertTrue(watch.err().startsWith("rollwright: no release nosuch@prod"), watch.err());
  }
}
