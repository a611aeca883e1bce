package io.rollwright.system;

import io.rollwright.api.LedgerEntry;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.client.DeliveryReport;
import io.rollwright.client.ReleaseHistory;
import io.rollwright.client.ReleaseRecord;
import io.rollwright.ledger.JdbcReleaseLedger;
import io.rollwright.ledger.ReleaseLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 ended releases (50 services in prod, over 90 days, one in ten rolled back) in the ledger
 * on a SQLite file and on a real PostgreSQL server; prints how long the 90-day DORA figures and one
 * service's 7-day history take to read, best of three.
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class LedgerBenchmark {
  static final int RECORDS = Integer.getInteger("rollwright.bench.records", 100_000);

  @TempDir Path dir;

  @Test
  void doraAndHistoryOverAHundredThousandReleases() throws Exception {
    measure("sqlite", new JdbcReleaseLedger("jdbc:sqlite:" + dir.resolve("ledger.db"), null, null));
    Files.createDirectories(dir.resolve("postgres"));
    try (PostgresServer postgres = PostgresServer.start(dir.resolve("postgres"))) {
      try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
          Statement s = c.createStatement()) {
        s.execute("create database bench");
      }
      measure(
          "postgresql",
          new JdbcReleaseLedger(postgres.jdbcUrl().replace("/postgres?", "/bench?"), null, null));
    }
  }

  private static void measure(String kind, ReleaseLedger ledger) {
    Instant now = Instant.now();
    List<LedgerEntry> batch = new ArrayList<>();
    long began = System.nanoTime();
    for (int i = 0; i < RECORDS; i++) {
      Instant started = now.minus(Duration.ofSeconds(90L * 86_400 * i / RECORDS + 60));
      String service = "svc-" + (i % 50);
      batch.add(
          LedgerIT.entry(
              service,
              "run-" + i,
              i % 10 == 0 ? ReleaseOutcome.ROLLED_BACK : ReleaseOutcome.PROMOTED,
              started,
              List.of()));
      if (batch.size() == 5_000) {
        ledger.record(batch);
        batch.clear();
      }
    }
    ledger.record(batch);
    double written = (System.nanoTime() - began) / 1e9;
    double dora = Double.MAX_VALUE;
    double history = Double.MAX_VALUE;
    double reading = Double.MAX_VALUE;
    int figures = 0;
    for (int round = 0; round < 3; round++) {
      long t = System.nanoTime();
      Instant from = now.minus(Duration.ofDays(90));
      List<LedgerEntry> read = ledger.list(null, null, from);
      reading = Math.min(reading, (System.nanoTime() - t) / 1e9);
      List<ReleaseRecord> all = read.stream().map(ReleaseHistory::record).toList();
      figures = DeliveryReport.of(all, from, now).deployed();
      dora = Math.min(dora, (System.nanoTime() - t) / 1e9);
      t = System.nanoTime();
      ledger.list("svc-7", "prod", now.minus(Duration.ofDays(7)));
      history = Math.min(history, (System.nanoTime() - t) / 1e9);
    }
    System.out.println(String.format(Locale.ROOT, "%s records: %d", kind, RECORDS));
    System.out.println(String.format(Locale.ROOT, "%s deployed in 90d: %d", kind, figures));
    System.out.println(String.format(Locale.ROOT, "%s write_s: %.2f", kind, written));
    System.out.println(String.format(Locale.ROOT, "%s dora_90d_s: %.3f", kind, dora));
    System.out.println(String.format(Locale.ROOT, "%s dora_90d_read_s: %.3f", kind, reading));
    System.out.println(String.format(Locale.ROOT, "%s history_query_s: %.3f", kind, history));
  }
}
