package io.rollwright.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a stage ends: on its own after a passing soak, or with human approval. */
public enum GateType {
  @JsonProperty("auto")
  AUTO,
  @JsonProperty("approval")
  APPROVAL
}
