package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.LedgerEntry;
import io.rollwright.api.ProgressEvent;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.ledger.JdbcReleaseLedger;
import io.rollwright.ledger.ReleaseLedger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The release ledger on a SQLite file and on a real PostgreSQL server: what it keeps and how it is
 * read; and end to end, a worker writing each ended release to PostgreSQL, and {@code history} and
 * {@code dora} covering releases Temporal no longer keeps.
 */
class LedgerIT extends RealServerTest {
  private static PostgresServer postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = PostgresServer.start(dir.resolve("postgres"));
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  /** The JDBC URL of ledger {@code name} of {@code kind}. */
  private static String url(String kind, String name) {
    return kind.equals("sqlite")
        ? "jdbc:sqlite:" + dir.resolve(name + ".db")
        : postgres.jdbcUrl().replace("/postgres?", "/" + name + "?");
  }

  /** A fresh database {@code name} on the PostgreSQL server, as a JDBC URL. */
  private static String database(String name) throws Exception {
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    return url("postgresql", name);
  }

  static Stream<String> ledgers() {
    return Stream.of("sqlite", "postgresql");
  }

  /** A new ledger {@code name} of {@code kind}. */
  private static ReleaseLedger open(String kind, String name) throws Exception {
    return new JdbcReleaseLedger(
        kind.equals("sqlite") ? url(kind, name) : database(name), null, null);
  }

  static LedgerEntry entry(
      String service, String runId, ReleaseOutcome outcome, Instant started, List<AuditEntry> d) {
    return new LedgerEntry(
        service + "@prod",
        runId,
        service,
        "prod",
        "2.3.0",
        "feature",
        null,
        null,
        "alice",
        "c0ffee",
        started.minus(Duration.ofHours(2)).toEpochMilli(),
        outcome,
        outcome == ReleaseOutcome.PROMOTED ? "all 2 stages passed" : "error-rate above 5%",
        started.toEpochMilli(),
        started.plus(Duration.ofMinutes(40)).toEpochMilli(),
        d);
  }

  @ParameterizedTest
  @MethodSource("ledgers")
  void keepsEachRunOnceAndReadsItBack(String kind) throws Exception {
    ReleaseLedger ledger = open(kind, "contract");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<AuditEntry> decisions =
        List.of(
            new ControlEvent.Decided(now.toEpochMilli(), "bob", true, "approved by bob (1 of 1)"),
            new ProgressEvent.Finished(
                now.toEpochMilli(), "rollwright", ReleaseOutcome.PROMOTED, "all 2 stages passed"));
    List<LedgerEntry> entries =
        List.of(
            entry(
                "cart",
                "run-1",
                ReleaseOutcome.ROLLED_BACK,
                now.minus(Duration.ofDays(60)),
                List.of()),
            entry(
                "cart", "run-2", ReleaseOutcome.PROMOTED, now.minus(Duration.ofDays(1)), decisions),
            entry(
                "search",
                "run-3",
                ReleaseOutcome.PROMOTED,
                now.minus(Duration.ofHours(1)),
                List.of()));
    assertEquals(3, ledger.record(entries));
    assertEquals(0, ledger.record(entries), "a retried write changes nothing");

    assertEquals(
        List.of("run-3", "run-2", "run-1"),
        ledger.list(null, null, now.minus(Duration.ofDays(90))).stream()
            .map(LedgerEntry::runId)
            .toList(),
        "newest first");
    assertEquals(
        List.of("run-2"),
        ledger.list("cart", "prod", now.minus(Duration.ofDays(7))).stream()
            .map(LedgerEntry::runId)
            .toList());
    assertTrue(ledger.list("cart", "staging", now.minus(Duration.ofDays(90))).isEmpty());

    LedgerEntry latest = ledger.latest("cart@prod").orElseThrow();
    assertEquals(entries.get(1), latest, "every field, decisions included, read back as written");
    assertInstanceOf(ControlEvent.Decided.class, latest.decisions().get(0));
    assertFalse(ledger.latest("nothing@prod").isPresent());
    assertEquals(
        3,
        new JdbcReleaseLedger(url(kind, "contract"), null, null)
            .list(null, null, Instant.EPOCH)
            .size(),
        "migrated once, kept");
  }

  @Test
  void aLedgerUrlOfAnotherKindIsRefusedNamingWhatItTakes() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> new JdbcReleaseLedger("jdbc:mysql://db/x?password=hunter2", null, null));
    assertEquals(
        "the release ledger's URL must be jdbc:sqlite:<file> or jdbc:postgresql://<host>/<db>"
            + " (got jdbc:mysql://db/x?password=…)",
        refused.getMessage());
  }

  @Test
  void theWorkerWritesEndedReleasesAndHistoryReadsPastTemporalsRetention() throws Exception {
    String url = database("worker");
    Instant now = Instant.now();
    ReleaseLedger ledger = new JdbcReleaseLedger(url, null, null);
    ledger.record(
        List.of(
            entry(
                "ledgered",
                "long-gone",
                ReleaseOutcome.ROLLED_BACK,
                now.minus(Duration.ofDays(45)),
                List.of()),
            entry(
                "retired",
                "run-last",
                ReleaseOutcome.PROMOTED,
                now.minus(Duration.ofDays(200)),
                List.of(
                    new ControlEvent.Decided(
                        now.minus(Duration.ofDays(200)).toEpochMilli(),
                        "bob",
                        true,
                        "approved by bob (1 of 1)")))));
    try (AppProcess worker =
            worker("ledger-worker", "--rollwright.ledger.url=" + url)
                .awaitUp(Duration.ofMinutes(2));
        AppProcess service =
            AppProcess.service(
                    server,
                    dir.resolve("ledger-service.log"),
                    "--rollwright.api.tokens.alice=tok-alice",
                    "--rollwright.ledger.url=" + url)
                .awaitUp(Duration.ofMinutes(2))) {
      String id = start(request("ledgered", "brief"));
      ReleaseResult result = result(id, Duration.ofMinutes(2));
      assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
      await(
          "the release in the ledger",
          Duration.ofSeconds(30),
          () -> ledger.list("ledgered", "prod", now.minus(Duration.ofHours(1))).size() == 1);
      LedgerEntry kept = ledger.latest(id).orElseThrow();
      assertEquals("alice", kept.requestedBy());
      assertEquals(result.detail(), kept.detail());

      RestCalls.Reply archived =
          RestCalls.call(service, "GET", "/releases/retired@prod", "tok-alice", null);
      assertEquals(200, archived.status(), archived.raw().body());
      assertEquals("run-last", archived.body().path("runId").asText(), archived.raw().body());
      assertEquals("bob", archived.body().path("decisions").path(0).path("actor").asText());
      assertEquals(
          404, RestCalls.call(service, "GET", "/releases/never@prod", "tok-alice", null).status());
    }
    Cli status = Cli.run(server, "status", "retired@prod", "--ledger", url);
    assertEquals(0, status.code(), status::toString);
    assertTrue(status.out().contains("📒 ended: from the release ledger"), status::toString);
    assertTrue(status.out().contains("bob  approved — approved by bob (1 of 1)"), status::toString);
    Cli gone = Cli.run(server, "status", "retired@prod");
    assertTrue(gone.code() != 0 && gone.err().contains("no release"), gone::toString);
    Cli history =
        Cli.run(server, "history", "--service", "ledgered", "--since", "90d", "--ledger", url);
    assertEquals(0, history.code(), history::toString);
    assertTrue(
        history.out().contains("ledgered@prod 2.3.0 [feature] → PROMOTED"), history::toString);
    assertTrue(
        history.out().contains("ledgered@prod 2.3.0 [feature] → ROLLED_BACK"), history::toString);
    assertTrue(
        history.out().contains("90d rollback rate: 50.0% (1 of 2 releases that deployed)"),
        history::toString);
    Cli dora = Cli.run(server, "dora", "--service", "ledgered", "--since", "90d", "--ledger", url);
    assertEquals(0, dora.code(), dora::toString);
    assertTrue(dora.out().contains("(2 releases ended)"), dora::toString);
    assertTrue(dora.out().contains("by type              feature 1"), dora::toString);
    assertTrue(
        dora.out().contains("change failure rate    50.0% (1 of 2 releases that deployed)"),
        dora::toString);
    Cli visibilityOnly = Cli.run(server, "history", "--service", "ledgered", "--since", "90d");
    assertFalse(visibilityOnly.out().contains("ROLLED_BACK"), "Temporal never had it");
  }
}
