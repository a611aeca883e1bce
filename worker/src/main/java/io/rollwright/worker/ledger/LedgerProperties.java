package io.rollwright.worker.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code rollwright.ledger.*}: where the release ledger is ({@code url}: {@code
 * jdbc:sqlite:<file>}, by default {@code ~/.rollwright/ledger.db}; or {@code
 * jdbc:postgresql://<host>/<db>} in production) and, for PostgreSQL, who connects.
 */
@ConfigurationProperties("rollwright.ledger")
public record LedgerProperties(String url, String username, String password) {
  /** The ledger of an install that names none: a SQLite file in the user's home. */
  public static final String DEFAULT_URL =
      "jdbc:sqlite:" + System.getProperty("user.home") + "/.rollwright/ledger.db";

  public LedgerProperties {
    url = url == null || url.isBlank() ? DEFAULT_URL : url;
  }
}
