package io.rollwright.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a release was rolled back. */
public enum RollbackReason {
  @JsonProperty("analysis")
  ANALYSIS,
  /** The new version breached a check while it baked at 100%, before it was promoted. */
  @JsonProperty("bake")
  BAKE,
  @JsonProperty("rejected")
  REJECTED,
  @JsonProperty("approval-timeout")
  APPROVAL_TIMEOUT,
  @JsonProperty("aborted")
  ABORTED,
  @JsonProperty("error")
  ERROR
}
