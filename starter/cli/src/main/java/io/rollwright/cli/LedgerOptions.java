package io.rollwright.cli;

import io.rollwright.ledger.JdbcReleaseLedger;
import io.rollwright.ledger.ReleaseLedger;
import picocli.CommandLine.Option;

/**
 * Where the release ledger is, for the commands that read ended releases: with one, they cover any
 * period; without, what Temporal visibility still keeps. Its user and password come from {@code
 * ROLLWRIGHT_LEDGER_USERNAME} and {@code ROLLWRIGHT_LEDGER_PASSWORD}, never the command line.
 */
public final class LedgerOptions {
  @Option(
      names = "--ledger",
      paramLabel = "JDBC-URL",
      description =
          "the release ledger, jdbc:sqlite:<file> or jdbc:postgresql://<host>/<db>"
              + " (ROLLWRIGHT_LEDGER_URL); without it, Temporal visibility alone")
  String url;

  /** The ledger named, opened; null when none is. */
  ReleaseLedger open() {
    return url == null || url.isBlank()
        ? null
        : new JdbcReleaseLedger(
            url,
            System.getenv("ROLLWRIGHT_LEDGER_USERNAME"),
            System.getenv("ROLLWRIGHT_LEDGER_PASSWORD"));
  }
}
