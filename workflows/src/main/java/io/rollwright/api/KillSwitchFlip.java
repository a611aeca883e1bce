package io.rollwright.api;

/**
 * A flip of a kill switch: on or off, for {@code scope} ({@code global}, or a release ID {@code
 * service@environment}), by {@code actor}, with {@code reason}, at {@code atMillis} (stamped by the
 * switch). Also what a switch tells the releases in its scope.
 */
public record KillSwitchFlip(String scope, boolean on, String actor, String reason, long atMillis) {
  /** The scope of the switch that governs every release. */
  public static final String GLOBAL = "global";

  /** The workflow ID of the switch of {@code scope}: {@code kill-switch:<scope>}. */
  public static String workflowId(String scope) {
    return "kill-switch:" + scope;
  }

  /** Whether a switch of this scope governs the release {@code releaseId}. */
  public boolean governs(String releaseId) {
    return GLOBAL.equals(scope) || scope.equals(releaseId);
  }

  /** As people read it: {@code kill switch global on by sam: incident 4711}. */
  public String sentence() {
    return "kill switch " + scope + " " + (on ? "on" : "off") + " by " + actor + ": " + reason;
  }
}
