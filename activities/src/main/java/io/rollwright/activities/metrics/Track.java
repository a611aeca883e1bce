package io.rollwright.activities.metrics;

/** Which version of a service a metric is read for. */
public enum Track {
  CANARY,
  STABLE
}
