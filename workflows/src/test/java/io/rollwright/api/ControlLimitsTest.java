package io.rollwright.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.rollwright.api.ControlCommand.Action;
import io.rollwright.policy.Limits;
import org.junit.jupiter.api.Test;

class ControlLimitsTest {
  @Test
  void clippingCutsToTheBoundAndBlanksControlCharacters() {
    ControlCommand clipped =
        ControlLimits.clip(
            new ControlCommand(Action.ABORT, "b\u0000b" + "x".repeat(500), "r".repeat(1 << 20)));
    assertEquals("b b" + "x".repeat(Limits.ACTOR - 4) + "…", clipped.actor());
    assertEquals(Limits.REASON, clipped.reason().length());
    assertEquals('…', clipped.reason().charAt(Limits.REASON - 1));
    assertEquals(Action.ABORT, clipped.action());
  }

  @Test
  void clippingLeavesGoodTextAloneAndNeverSplitsASurrogatePair() {
    String fine = "all clear";
    assertSame(fine, ControlLimits.clip(fine, 10));
    assertEquals(
        "ab…",
        ControlLimits.cut("ab\uD83D\uDE00cd", 4),
        "the emoji would be cut in half, so it goes whole");
    assertNull(ControlLimits.clip(null, 10));
  }
}
