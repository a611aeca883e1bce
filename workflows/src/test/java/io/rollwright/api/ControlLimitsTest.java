package io.rollwright.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.rollwright.api.ControlCommand.Action;
import org.junit.jupiter.api.Test;

class ControlLimitsTest {
  @Test
  void aControlWithinItsBoundsHasNoProblem() {
    assertNull(ControlLimits.problem(new ControlCommand(Action.ABORT, "a".repeat(200), "r".repeat(2000), "canary-5")));
  }

  @Test
  void theProblemNamesTheField() {
    assertEquals("the control's actor is 201 characters long; at most 200 are accepted",
        ControlLimits.problem(new ControlCommand(Action.ABORT, "a".repeat(201), "why")));
    assertEquals("the control's reason is 1048576 characters long; at most 2000 are accepted",
        ControlLimits.problem(new ControlCommand(Action.ABORT, "sam", "r".repeat(1 << 20))));
    assertEquals("the control's reason holds a control character (U+000A) at position 4",
        ControlLimits.problem(new ControlCommand(Action.PAUSE, "sam", "one\ntwo")));
    assertEquals("the control's actor holds a control character (U+007F) at position 1",
        ControlLimits.problem(new ControlCommand(Action.PAUSE, "\u007fsam", null)));
    assertEquals("the control's stage is 300 characters long; at most 200 are accepted",
        ControlLimits.problem(new ControlCommand(Action.APPROVE, "bob", null, "s".repeat(300))));
  }

  @Test
  void clippingCutsToTheBoundAndBlanksControlCharacters() {
    ControlCommand clipped = ControlLimits.clip(new ControlCommand(Action.ABORT, "b\u0000b" + "x".repeat(500), "r".repeat(1 << 20)));
    assertEquals("b b" + "x".repeat(196) + "…", clipped.actor());
    assertEquals(ControlLimits.REASON_MAX, clipped.reason().length());
    assertEquals('…', clipped.reason().charAt(ControlLimits.REASON_MAX - 1));
    assertEquals(Action.ABORT, clipped.action());
  }

  @Test
  void clippingLeavesGoodTextAloneAndNeverSplitsASurrogatePair() {
    String fine = "all clear";
    assertSame(fine, ControlLimits.clip(fine, 10));
    assertEquals("ab…", ControlLimits.cut("ab\uD83D\uDE00cd", 4), "the emoji would be cut in half, so it goes whole");
    assertNull(ControlLimits.clip(null, 10));
  }
}
