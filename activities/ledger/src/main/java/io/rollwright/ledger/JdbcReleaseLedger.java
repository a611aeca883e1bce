package io.rollwright.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.LedgerEntry;
import io.rollwright.api.ReleaseOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The release ledger in a SQL database through JDBC: a SQLite file ({@code jdbc:sqlite:PATH},
 * embedded, nothing to install) or PostgreSQL ({@code jdbc:postgresql://HOST/DB}). Its schema is
 * migrated by Flyway when it is opened.
 */
public final class JdbcReleaseLedger implements ReleaseLedger {
  private static final String SQLITE = "jdbc:sqlite:";
  private static final String POSTGRES = "jdbc:postgresql:";
  private static final String COLUMNS =
      "release_id, run_id, service, environment, version, release_type, kind, rollback_from,"
          + " requested_by, change_ref, change_committed_at, outcome, detail, started_at,"
          + " ended_at";
  private static final TypeReference<List<AuditEntry>> DECISIONS = new TypeReference<>() {};
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final ObjectWriter WRITE_DECISIONS = JSON.writerFor(DECISIONS);
  private static final ObjectReader READ_DECISIONS = JSON.readerFor(DECISIONS);

  private final String url;
  private final String user;
  private final String password;
  private final boolean sqlite;

  /**
   * Opens the ledger at {@code url} (user and password may be null), migrating its schema; refused
   * naming the problem when the URL is neither SQLite nor PostgreSQL or the database cannot be
   * reached.
   */
  public JdbcReleaseLedger(String url, String user, String password) {
    if (url == null || !(url.startsWith(SQLITE) || url.startsWith(POSTGRES))) {
      throw new IllegalArgumentException(
          "the release ledger's URL must be jdbc:sqlite:<file> or jdbc:postgresql://<host>/<db>"
              + " (got "
              + (url == null ? "none" : url.replaceAll("password=[^&]*", "password=…"))
              + ")");
    }
    this.url = url;
    this.user = user;
    this.password = password;
    this.sqlite = url.startsWith(SQLITE);
    if (sqlite) {
      createParentOf(url.substring(SQLITE.length()));
    }
    Flyway.configure()
        .dataSource(url, user, password)
        .locations("classpath:io/rollwright/ledger")
        .table("release_ledger_schema")
        .load()
        .migrate();
  }

  private static void createParentOf(String file) {
    String path = file.contains("?") ? file.substring(0, file.indexOf('?')) : file;
    if (path.isBlank() || path.startsWith(":memory:") || path.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(path).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the release ledger's folder " + parent + " cannot be created: " + e.getMessage(), e);
    }
  }

  private Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(url, user, password);
    if (sqlite) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 10000");
      }
    }
    return c;
  }

  @Override
  public int record(List<LedgerEntry> entries) {
    String sql =
        "insert into release_ledger ("
            + COLUMNS
            + ", decisions) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (release_id, run_id) do nothing";
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      int added = 0;
      try (PreparedStatement insert = c.prepareStatement(sql)) {
        for (LedgerEntry e : entries) {
          bind(insert, e);
          insert.addBatch();
        }
        for (int count : insert.executeBatch()) {
          added += Math.max(count, 0);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      return added;
    } catch (SQLException e) {
      throw new IllegalStateException("the release ledger could not be written: " + e, e);
    }
  }

  private static void bind(PreparedStatement insert, LedgerEntry e) throws SQLException {
    insert.setString(1, e.releaseId());
    insert.setString(2, e.runId());
    insert.setString(3, e.service());
    insert.setString(4, e.environment());
    insert.setString(5, e.version());
    insert.setString(6, e.type());
    insert.setString(7, e.kind());
    insert.setString(8, e.rollbackFrom());
    insert.setString(9, e.requestedBy());
    insert.setString(10, e.changeRef());
    if (e.changeCommittedAtMillis() == null) {
      insert.setNull(11, Types.BIGINT);
    } else {
      insert.setLong(11, e.changeCommittedAtMillis());
    }
    insert.setString(12, e.outcome().name());
    insert.setString(13, e.detail());
    insert.setLong(14, e.startedAtMillis());
    insert.setLong(15, e.endedAtMillis());
    try {
      insert.setString(16, WRITE_DECISIONS.writeValueAsString(e.decisions()));
    } catch (JsonProcessingException x) {
      throw new IllegalStateException(
          "the decisions of " + e.releaseId() + " cannot be written", x);
    }
  }

  @Override
  public List<LedgerEntry> list(String service, String environment, Instant since) {
    StringBuilder sql =
        new StringBuilder("select " + COLUMNS + " from release_ledger where started_at >= ?");
    List<String> values = new ArrayList<>();
    if (service != null) {
      sql.append(" and service = ?");
      values.add(service);
    }
    if (environment != null) {
      sql.append(" and environment = ?");
      values.add(environment);
    }
    sql.append(" order by started_at desc");
    try (Connection c = connect();
        PreparedStatement query = c.prepareStatement(sql.toString())) {
      query.setLong(1, since.toEpochMilli());
      for (int i = 0; i < values.size(); i++) {
        query.setString(i + 2, values.get(i));
      }
      query.setFetchSize(1000);
      List<LedgerEntry> records = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          records.add(entry(rows, List.of()));
        }
      }
      return records;
    } catch (SQLException e) {
      throw new IllegalStateException("the release ledger could not be read: " + e, e);
    }
  }

  /** The entry of {@code row}, whose first columns are {@link #COLUMNS} in their order. */
  private static LedgerEntry entry(ResultSet row, List<AuditEntry> decisions) throws SQLException {
    long committed = row.getLong(11);
    boolean noCommit = row.wasNull();
    return new LedgerEntry(
        row.getString(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        row.getString(7),
        row.getString(8),
        row.getString(9),
        row.getString(10),
        noCommit ? null : committed,
        ReleaseOutcome.valueOf(row.getString(12)),
        row.getString(13),
        row.getLong(14),
        row.getLong(15),
        decisions);
  }

  @Override
  public Optional<LedgerEntry> latest(String releaseId) {
    String sql =
        "select "
            + COLUMNS
            + ", decisions from release_ledger where release_id = ?"
            + " order by ended_at desc limit 1";
    try (Connection c = connect();
        PreparedStatement query = c.prepareStatement(sql)) {
      query.setString(1, releaseId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(entry(row, READ_DECISIONS.readValue(row.getString("decisions"))));
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("the release ledger could not be read: " + e, e);
    }
  }
}
