package io.rollwright.api;

import java.util.List;

/**
 * What a kill switch holds: whether it is on, the flip that put it there (null before any) and the
 * last flips, newest last, at most {@link #KEPT}.
 */
public record KillSwitch(
    String scope, boolean on, KillSwitchFlip last, List<KillSwitchFlip> flips) {
  public static final int KEPT = 20;

  public KillSwitch {
    flips = flips == null ? List.of() : List.copyOf(flips);
  }

  /** A switch that was never flipped: off. */
  public static KillSwitch off(String scope) {
    return new KillSwitch(scope, false, null, List.of());
  }
}
