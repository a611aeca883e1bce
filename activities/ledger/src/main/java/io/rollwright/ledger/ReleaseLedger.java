package io.rollwright.ledger;

import io.rollwright.api.LedgerEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The record of ended releases that outlives Temporal's retention: history, DORA figures and the
 * audit of finished releases read from it, over any period.
 */
public interface ReleaseLedger {
  /**
   * Writes {@code entries}; an entry whose run is already kept is left as it is. Returns how many
   * were new.
   */
  int record(List<LedgerEntry> entries);

  /**
   * The ended releases started since {@code since}, newest first, optionally of one service and/or
   * environment (null for any); without their decisions, which {@link #latest} reads.
   */
  List<LedgerEntry> list(String service, String environment, Instant since);

  /**
   * The latest ended run of release {@code releaseId}, with its decisions, if the ledger has it.
   */
  Optional<LedgerEntry> latest(String releaseId);
}
