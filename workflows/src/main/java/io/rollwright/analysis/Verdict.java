package io.rollwright.analysis;

/** The judgement of one check, or of a whole soak. */
public enum Verdict {
  /** Within its limit (or breaching, but not yet for its sustained window). */
  PASS,
  /** Breached its limit for its whole sustained window. */
  FAIL,
  /**
   * No usable answer: no data, NaN, too little traffic, or the provider down. Never a pass, never a
   * rollback.
   */
  INCONCLUSIVE
}
