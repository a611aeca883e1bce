package io.rollwright.api;

/** Where a release is now. */
public enum Phase {
  RESOLVING,
  PREFLIGHT,
  SOAKING,
  AWAITING_APPROVAL,
  PAUSED,
  HELD,
  PROMOTING,
  ROLLING_BACK,
  DONE
}
