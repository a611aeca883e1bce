package io.rollwright.service.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SlackApprovalsTest {
  @Test
  void aMultiLineReasonFromTheModalReachesTheReleaseOnOneLine() {
    assertEquals(
        "latency is off in eu-west see the dashboard",
        SlackApprovals.oneLine("  latency is off in eu-west\n\n  see the dashboard\r\n"));
    assertEquals("fine", SlackApprovals.oneLine("fine"));
    assertNull(SlackApprovals.oneLine(null));
  }
}
