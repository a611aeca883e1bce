package io.rollwright.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The release ledger, which outlives Temporal's retention: written once per ended release run. */
@ActivityInterface
public interface LedgerActivities {
  /**
   * Writes the record of an ended release run. Idempotent: a run already in the ledger is left as
   * it is, so a retried write changes nothing.
   */
  @ActivityMethod
  void record(LedgerEntry entry);
}
