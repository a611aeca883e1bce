package io.rollwright.worker.ledger;

import io.rollwright.api.LedgerActivities;
import io.rollwright.api.LedgerEntry;
import io.rollwright.ledger.JdbcReleaseLedger;
import io.rollwright.ledger.ReleaseLedger;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes ended releases to the ledger through JDBC. The ledger is opened (and its schema migrated)
 * at the first write, and again after a failed opening, so a ledger that is down when the worker
 * starts holds nothing up: its writes fail and are retried until it is back.
 */
public final class JdbcLedgerActivities implements LedgerActivities {
  private static final Logger log = LoggerFactory.getLogger(JdbcLedgerActivities.class);

  private final Supplier<ReleaseLedger> opener;
  private volatile ReleaseLedger ledger;

  /** Writes to the ledger {@code opener} opens, when first needed. */
  public JdbcLedgerActivities(Supplier<ReleaseLedger> opener) {
    this.opener = opener;
  }

  /** Writes to the ledger of {@code settings}. */
  public JdbcLedgerActivities(LedgerProperties settings) {
    this(() -> new JdbcReleaseLedger(settings.url(), settings.username(), settings.password()));
  }

  @Override
  public void record(LedgerEntry entry) {
    ReleaseLedger open = ledger;
    if (open == null) {
      synchronized (this) {
        if (ledger == null) {
          ledger = opener.get();
        }
        open = ledger;
      }
    }
    int added = open.record(List.of(entry));
    log.info(
        "ledger: {} run {} ended {}{}",
        entry.releaseId(),
        entry.runId(),
        entry.outcome(),
        added == 0 ? " (already kept)" : "");
  }
}
