package io.rollwright.activities.traffic.unleash;

import io.rollwright.activities.traffic.StageWeights;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Violations;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;

/**
 * A stage's weight as a feature flag's gradual rollout: the {@code rollout} of Rollwright's own
 * {@code flexibleRollout} strategy on the flag, the flag turned on in the environment once users
 * should get it. Removing the routes sets the rollout back to 0% or turns the flag off, as the
 * policy's {@code routerSettings.onRollback} says ({@code zero} or {@code disable}), else as the
 * worker's settings do.
 */
final class UnleashRouter implements TrafficRouter {
  static final String ON_ROLLBACK = "onRollback";
  private static final String ZERO = "zero";
  private static final String DISABLE = "disable";

  private final UnleashAdmin admin;
  private final UnleashFlags flags;

  UnleashRouter(UnleashAdmin admin, UnleashFlags flags) {
    this.admin = admin;
    this.flags = flags;
  }

  /** Unleash rolls out whole percentages. */
  @Override
  public void checkSettings(String field, ReleasePolicy policy, Violations v) {
    StageWeights.checkSteps(field, policy, v, 1, "is rolled out in whole percent");
  }

  @Override
  public Map<String, List<String>> policySettings() {
    return Map.of(ON_ROLLBACK, List.of(ZERO, DISABLE));
  }

  @Override
  public double setWeight(TrafficTarget t, double weight) {
    int rollout = (int) Math.round(weight);
    UnleashState now = state(t);
    if (now.strategy() == null) {
      admin.addStrategy(
          flags.project(),
          flags.flag(t),
          flags.environment(t),
          now.withRollout(rollout, flags.flag(t), flags.stickiness()));
    } else if (now.rollout() != rollout || now.strategy().path("disabled").asBoolean()) {
      admin.updateStrategy(
          flags.project(),
          flags.flag(t),
          flags.environment(t),
          now.strategy().path("id").asText(),
          now.withRollout(rollout, flags.flag(t), flags.stickiness()));
    }
    if (rollout > 0 && !now.enabled()) {
      admin.turn(flags.project(), flags.flag(t), flags.environment(t), true);
    }
    return rollout;
  }

  @Override
  public double verifyWeight(TrafficTarget t) {
    return state(t).weight();
  }

  /** Takes back a partial rollout; a flag at 100% is left to the workload manager. */
  @Override
  public void removeManagedRoutes(TrafficTarget t) {
    takeBack(t, false);
  }

  /**
   * Sets the rollout to 0%, or turns the flag off in the environment when the policy (or, where it
   * says nothing, the worker's settings) says so, if users get it now: partly, or also fully when
   * {@code evenAtFull}.
   */
  void takeBack(TrafficTarget t, boolean evenAtFull) {
    int weight = state(t).weight();
    if (weight <= 0 || (weight >= 100 && !evenAtFull)) {
      return;
    }
    if (t.setting(ON_ROLLBACK, flags.disableOnRollback() ? DISABLE : ZERO).equals(DISABLE)) {
      admin.turn(flags.project(), flags.flag(t), flags.environment(t), false);
    } else {
      setWeight(t, 0);
    }
  }

  /** The flag's state in the release's environment; a final failure when it has none. */
  UnleashState state(TrafficTarget t) {
    UnleashState s =
        UnleashState.of(admin.flag(flags.project(), flags.flag(t)), flags.environment(t));
    if (!s.found()) {
      throw ApplicationFailure.newNonRetryableFailure(
          flags.where(t) + ": the flag has no such environment", "UnleashNotFound");
    }
    return s;
  }
}
