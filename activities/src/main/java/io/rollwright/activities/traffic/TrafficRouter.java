package io.rollwright.activities.traffic;

import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Stage;
import io.rollwright.policy.Violations;
import java.util.List;
import java.util.Map;

/**
 * Splits a service's traffic between its stable and canary versions. Every method is idempotent.
 */
public interface TrafficRouter {
  /**
   * Routes {@code weight} percent of traffic to the canary.
   *
   * @return the weight in effect, in percent: {@code weight} itself, or the nearest the router can
   *     express (replica counts, integer weights)
   */
  double setWeight(TrafficTarget target, double weight);

  /**
   * The canary weight the infrastructure shows now, in percent; equals what {@link #setWeight}
   * returned once applied.
   */
  double verifyWeight(TrafficTarget target);

  /** Removes every route this router added, leaving 100% of traffic on stable. */
  void removeManagedRoutes(TrafficTarget target);

  /**
   * Adds to {@code v} every rule a policy that names this router breaks for it (a stage weight it
   * cannot express, say); {@code field} is where the policy is written. None by default.
   */
  default void checkSettings(String field, ReleasePolicy policy, Violations v) {}

  /**
   * Whether {@link #setWeight} sends every request of the target's cohorts to the canary besides
   * the weight's share; a policy whose stages name cohorts is refused for a router that does not.
   * False by default.
   */
  default boolean routesCohorts() {
    return false;
  }

  /**
   * The settings a policy may give this router ({@code routerSettings}), by name, each with the
   * values it accepts; the router reads them from {@link TrafficTarget#setting}. None by default.
   */
  default Map<String, List<String>> policySettings() {
    return Map.of();
  }

  /**
   * {@link #checkSettings}, the refusal of cohorts when the router does not route them, and of
   * router settings it does not offer.
   */
  default void checkPolicy(String field, ReleasePolicy policy, Violations v) {
    if (policy.routerSettings() != null) {
      Map<String, List<String>> offered = policySettings();
      policy
          .routerSettings()
          .forEach(
              (name, value) -> {
                String at = field + ".routerSettings." + name;
                if (!offered.containsKey(name)) {
                  v.add(
                      at,
                      "the "
                          + policy.router()
                          + " router has no such setting"
                          + (offered.isEmpty()
                              ? " (it has none)"
                              : " (it has " + String.join(", ", offered.keySet()) + ")"));
                } else if (!offered.get(name).contains(value)) {
                  v.add(at, "'" + value + "' is not " + String.join(" or ", offered.get(name)));
                }
              });
    }
    if (!routesCohorts() && policy.stages() != null) {
      for (int i = 0; i < policy.stages().size(); i++) {
        Stage s = policy.stages().get(i);
        if (s != null && s.cohort() != null) {
          v.add(
              field + ".stages[" + i + "].cohort",
              "the "
                  + policy.router()
                  + " router cannot send a cohort to the canary (gateway-api and nginx-ingress"
                  + " can)");
        }
      }
    }
    checkSettings(field, policy, v);
  }
}
