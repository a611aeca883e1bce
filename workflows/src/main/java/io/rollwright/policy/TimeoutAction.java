package io.rollwright.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an approval gate does when nobody decided before its timeout. */
public enum TimeoutAction {
  @JsonProperty("reject")
  REJECT,
  @JsonProperty("approve")
  APPROVE
}
