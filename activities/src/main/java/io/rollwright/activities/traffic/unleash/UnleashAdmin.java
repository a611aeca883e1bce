package io.rollwright.activities.traffic.unleash;

import static io.rollwright.activities.traffic.JsonApi.enc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollwright.activities.traffic.JsonApi;
import java.net.URI;
import java.time.Duration;

/**
 * The few calls of Unleash's Admin API the router makes, as an admin API token: read a flag, add or
 * update one of its strategies, and turn it on or off in an environment. A refusal (400, 401, 403,
 * 404) is final and names what was asked; anything else is retried by Temporal.
 */
final class UnleashAdmin {
  private final JsonApi api;

  UnleashAdmin(URI base, String token, Duration timeout) {
    this.api = new JsonApi("Unleash", base, timeout, () -> token);
  }

  /** The flag, with its environments and their strategies. */
  JsonNode flag(String project, String flag) {
    return api.call("reading flag " + flag, "GET", features(project, flag), null);
  }

  /** Adds {@code strategy} to the flag in {@code environment}. */
  void addStrategy(String project, String flag, String environment, ObjectNode strategy) {
    api.call(
        "adding a strategy to flag " + flag,
        "POST",
        features(project, flag) + "/environments/" + enc(environment) + "/strategies",
        strategy);
  }

  /** Replaces strategy {@code id} of the flag in {@code environment}. */
  void updateStrategy(
      String project, String flag, String environment, String id, ObjectNode strategy) {
    api.call(
        "updating the strategy of flag " + flag,
        "PUT",
        features(project, flag) + "/environments/" + enc(environment) + "/strategies/" + enc(id),
        strategy);
  }

  /** Turns the flag on or off in {@code environment}. */
  void turn(String project, String flag, String environment, boolean on) {
    api.call(
        "turning flag " + flag + (on ? " on" : " off"),
        "POST",
        features(project, flag) + "/environments/" + enc(environment) + (on ? "/on" : "/off"),
        null);
  }

  private static String features(String project, String flag) {
    return "api/admin/projects/" + enc(project) + "/features/" + enc(flag);
  }
}
