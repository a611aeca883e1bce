package io.rollwright.activities.traffic.unleash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A flag in one environment as the router sees it: whether it is on there, and Rollwright's own
 * {@code flexibleRollout} strategy (titled {@value UnleashFlags#TITLE}) with its rollout. Pure: it
 * reads the Admin API's flag JSON and writes strategy bodies.
 *
 * @param found whether the flag has the environment at all
 * @param enabled whether the flag is on in the environment
 * @param strategy Rollwright's strategy as Unleash returned it, or null
 */
record UnleashState(boolean found, boolean enabled, JsonNode strategy) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String FLEXIBLE = "flexibleRollout";

  /** The state of {@code flag} (Admin API JSON) in {@code environment}. */
  static UnleashState of(JsonNode flag, String environment) {
    for (JsonNode env : flag.path("environments")) {
      if (environment.equals(env.path("name").asText())) {
        JsonNode own = null;
        for (JsonNode s : env.path("strategies")) {
          if (FLEXIBLE.equals(s.path("name").asText())
              && UnleashFlags.TITLE.equals(s.path("title").asText())) {
            own = s;
          }
        }
        return new UnleashState(true, env.path("enabled").asBoolean(), own);
      }
    }
    return new UnleashState(false, false, null);
  }

  /** The rollout of Rollwright's strategy, in percent; 0 without one. */
  int rollout() {
    return strategy == null ? 0 : strategy.path("parameters").path("rollout").asInt(0);
  }

  /** The share of users the flag's Rollwright strategy turns on now, in percent. */
  int weight() {
    return enabled && strategy != null && !strategy.path("disabled").asBoolean() ? rollout() : 0;
  }

  /**
   * Rollwright's strategy at {@code rollout} percent: the existing one with only its rollout
   * changed (and enabled), or a new one sticking to {@code stickiness}, grouped by the flag's name.
   */
  ObjectNode withRollout(int rollout, String flag, String stickiness) {
    ObjectNode body;
    if (strategy != null) {
      body = strategy.deepCopy();
      body.remove("id");
    } else {
      body = JSON.createObjectNode().put("name", FLEXIBLE).put("title", UnleashFlags.TITLE);
      body.putArray("constraints");
      body.putObject("parameters").put("stickiness", stickiness).put("groupId", flag);
    }
    body.put("disabled", false);
    ((ObjectNode) body.path("parameters")).put("rollout", Integer.toString(rollout));
    return body;
  }
}
