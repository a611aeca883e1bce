package io.rollwright.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code canary}: staged traffic with analysis and gates. {@code direct}: break-glass, straight to
 * 100%. {@code rollback}: an earlier version back at 100% at once, then watched (see {@link Undo}).
 */
public enum Strategy {
  @JsonProperty("canary")
  CANARY,
  @JsonProperty("direct")
  DIRECT,
  @JsonProperty("rollback")
  ROLLBACK
}
