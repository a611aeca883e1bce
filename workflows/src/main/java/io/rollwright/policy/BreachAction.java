package io.rollwright.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a check's failure does to the release: roll back at once, or pause for a human (a "yellow"
 * signal).
 */
public enum BreachAction {
  @JsonProperty("rollback")
  ROLLBACK,
  @JsonProperty("pause")
  PAUSE
}
