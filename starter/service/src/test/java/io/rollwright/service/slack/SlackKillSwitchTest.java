package io.rollwright.service.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.service.slack.SlackKillSwitch.Asked;
import org.junit.jupiter.api.Test;

class SlackKillSwitchTest {
  @Test
  void theCommandNamesTheFlipTheScopeAndTheReason() {
    assertEquals(
        new Asked("on", "global", "incident 4711 see the channel"),
        Asked.parse("  kill-switch on global incident 4711   see the channel"));
    assertEquals(
        new Asked("off", "cart@prod", "provider is back"),
        Asked.parse("kill-switch off cart prod provider is back"));
    assertEquals(
        new Asked("status", "cart@prod", null), Asked.parse("kill-switch status cart prod"));
    assertEquals(new Asked("on", "global", null), Asked.parse("kill-switch on global"));
  }

  @Test
  void aCommandItCannotReadIsAnsweredWithWhatIsWrongAndTheUsage() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Asked.parse("deploy cart"))
            .getMessage()
            .startsWith("usage: /rollwright kill-switch"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> Asked.parse("kill-switch sideways global"))
            .getMessage()
            .startsWith("a kill switch is turned on or off, or shown with status, not 'sideways'"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Asked.parse("kill-switch on cart"))
            .getMessage()
            .startsWith("name the service and its environment"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> Asked.parse("kill-switch status global now"))
            .getMessage()
            .startsWith("status takes no reason"));
    assertTrue(
        assertThrows(InvalidReleaseException.class, () -> Asked.parse("kill-switch on Cart! prod"))
            .getMessage()
            .contains("service"));
    assertThrows(IllegalArgumentException.class, () -> Asked.parse(null));
  }
}
