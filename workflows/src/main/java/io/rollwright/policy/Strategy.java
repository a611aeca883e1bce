package io.rollwright.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code canary}: staged traffic with analysis and gates. {@code direct}: break-glass, straight to
 * 100%.
 */
public enum Strategy {
  @JsonProperty("canary")
  CANARY,
  @JsonProperty("direct")
  DIRECT
}
