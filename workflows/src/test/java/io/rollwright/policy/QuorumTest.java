package io.rollwright.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** team-lead: alice, bob; sre-oncall: bob, carol; payments: erin. Bob is in two groups. */
class QuorumTest {
  static final Map<String, List<String>> GROUPS =
      Map.of(
          "team-lead", List.of("alice", "bob"),
          "sre-oncall", List.of("bob", "carol"),
          "payments", List.of("erin"));

  static Quorum quorum(Integer required, List<String> groups, List<String> fromEach) {
    return Quorum.of(
        new Gate(
            GateType.APPROVAL,
            required,
            List.of("dana"),
            groups,
            fromEach,
            Duration.ofHours(1),
            null),
        GROUPS);
  }

  @Test
  void nOfThesePeopleCountsDifferentApprovers() {
    Quorum q = quorum(2, List.of("payments"), List.of());
    assertFalse(q.met(List.of("dana")));
    assertEquals("needs 1 more approval", q.missing(List.of("dana")));
    assertEquals("needs 2 more approvals", q.missing(List.of()));
    assertTrue(q.met(List.of("dana", "erin")));
    assertNull(q.missing(List.of("dana", "erin")));
  }

  @Test
  void oneFromEachGroupNeedsBoth() {
    Quorum q = quorum(null, List.of(), List.of("team-lead", "sre-oncall"));
    assertEquals("needs 1 from team-lead and 1 from sre-oncall", q.missing(List.of()));
    assertEquals("needs 1 from sre-oncall", q.missing(List.of("alice")));
    assertFalse(q.met(List.of("alice")));
    assertTrue(q.met(List.of("alice", "carol")));
  }

  @Test
  void aPersonInTwoGroupsStandsForOnlyOne() {
    Quorum q = quorum(null, List.of(), List.of("team-lead", "sre-oncall"));
    assertFalse(q.met(List.of("bob")), "bob alone cannot be both team-lead and sre-oncall");
    assertEquals(List.of("sre-oncall"), q.uncovered(List.of("bob")));
    assertTrue(q.met(List.of("bob", "alice")), "bob moves to sre-oncall, alice is team-lead");
    assertTrue(q.met(List.of("bob", "carol")), "bob is team-lead, carol sre-oncall");
    assertFalse(q.met(List.of("alice", "dana")), "dana is in neither group");
  }

  @Test
  void bothTogetherNeedTheCountAndEveryGroup() {
    Quorum q = quorum(3, List.of("payments"), List.of("team-lead", "sre-oncall"));
    assertEquals("needs 1 from sre-oncall and 1 more", q.missing(List.of("alice")));
    assertEquals("needs 1 more approval", q.missing(List.of("alice", "carol")));
    assertEquals(
        "needs 1 from sre-oncall", q.missing(List.of("alice", "erin", "dana")), "three, no sre");
    assertTrue(q.met(List.of("alice", "carol", "erin")));
    assertTrue(q.met(List.of("bob", "alice", "dana")));
  }
}
