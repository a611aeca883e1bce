package io.rollwright.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What a kill switch asks of the worker: who may flip it, and telling the releases it governs. */
@ActivityInterface
public interface KillSwitchActivities {
  /**
   * Why {@code actor} may not flip the switch of {@code scope}, or null: a service's switch needs
   * the operators (or breakGlass) role of its policy where it declares roles.
   */
  @ActivityMethod
  String flipRefusal(String scope, String actor);

  /**
   * Tells every running release {@code flip} governs (signal {@code killSwitch}); returns how many
   * were told.
   */
  @ActivityMethod
  int tellReleases(KillSwitchFlip flip);
}
