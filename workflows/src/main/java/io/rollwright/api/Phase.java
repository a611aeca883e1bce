package io.rollwright.api;

/** Where a release is now. */
public enum Phase {
  RESOLVING,
  PREFLIGHT,
  SOAKING,
  AWAITING_APPROVAL,
  PAUSED,
  PROMOTING,
  ROLLING_BACK,
  DONE
}
