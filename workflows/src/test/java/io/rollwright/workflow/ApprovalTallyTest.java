package io.rollwright.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.GateStatus;
import io.rollwright.policy.Gate;
import io.rollwright.policy.GateType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gate: 2 approvals from alice or the team-lead group (bob, carol); carol requested the release.
 */
class ApprovalTallyTest {
  static final long DEADLINE = 7_200_000L;

  static ApprovalTally tally() {
    Gate gate =
        new Gate(
            GateType.APPROVAL,
            2,
            List.of("alice"),
            List.of("team-lead", "undefined-group"),
            List.of(),
            Duration.ofHours(2),
            null);
    return new ApprovalTally(
        "canary-50", gate, Map.of("team-lead", List.of("bob", "carol")), "carol", DEADLINE);
  }

  /** One decision sent to the gate, and what must come of it. */
  record Step(
      String kind,
      String approver,
      String reason,
      boolean accepted,
      String message,
      List<String> approvedBy,
      boolean approved) {
    ApprovalTally.Answer send(ApprovalTally t) {
      ApprovalDecision d =
          approver == null && reason == null ? null : new ApprovalDecision(approver, reason);
      return kind.equals("approve") ? t.approve(d) : t.reject(d);
    }

    @Override
    public String toString() {
      return kind + " by " + approver;
    }
  }

  static Step step(
      String kind,
      String approver,
      boolean accepted,
      String message,
      List<String> approvedBy,
      boolean approved) {
    return new Step(
        kind,
        approver,
        kind.equals("reject") ? "looks risky" : null,
        accepted,
        message,
        approvedBy,
        approved);
  }

  static Stream<Step> twoApprovals() {
    List<String> none = List.of();
    List<String> alice = List.of("alice");
    return Stream.of(
        step(
            "approve",
            "carol",
            false,
            "carol requested this release and cannot approve it",
            none,
            false),
        step(
            "approve",
            "mallory",
            false,
            "mallory is not an allowed approver for stage canary-50 (allowed: alice, bob, carol)",
            none,
            false),
        step("approve", null, false, "the decision names no approver", none, false),
        step("approve", "  ", false, "the decision names no approver", none, false),
        step("approve", "Alice", false, "Alice is not an allowed approver", none, false),
        step("approve", "alice", true, "approved by alice (1 of 2)", alice, false),
        step(
            "approve",
            "alice",
            false,
            "alice has already approved; an approver counts once",
            alice,
            false),
        step("approve", "bob", true, "approved by bob (2 of 2)", List.of("alice", "bob"), true),
        // once closed, nothing more counts: not even a reject
        step(
            "approve",
            "carol",
            false,
            "the gate of stage canary-50 is already closed",
            List.of("alice", "bob"),
            true),
        step(
            "reject",
            "bob",
            false,
            "the gate of stage canary-50 is already closed",
            List.of("alice", "bob"),
            true));
  }

  @Test
  void twoDistinctAllowedApproversOtherThanTheRequesterApprove() {
    ApprovalTally t = tally();
    twoApprovals()
        .forEach(
            s -> {
              ApprovalTally.Answer a = s.send(t);
              assertEquals(s.accepted(), a.accepted(), s + ": " + a.message());
              assertTrue(a.message().contains(s.message()), () -> s + ": " + a.message());
              assertEquals(s.approvedBy(), t.approvedBy(), s.toString());
              assertEquals(s.approved(), t.approved(), s.toString());
              assertEquals(s.approved(), t.closed(), s.toString());
              assertFalse(t.rejected(), s.toString());
            });
  }

  @Test
  void oneFromEachGroupClosesOnlyWhenEveryGroupHasItsOwnApprover() {
    Gate gate =
        new Gate(
            GateType.APPROVAL,
            null,
            List.of(),
            List.of(),
            List.of("team-lead", "sre-oncall"),
            Duration.ofHours(2),
            null);
    ApprovalTally t =
        new ApprovalTally(
            "canary-50",
            gate,
            Map.of(
                "team-lead",
                List.of("bob", "carol", "fay"),
                "sre-oncall",
                List.of("bob", "dan", "eve")),
            "eve",
            DEADLINE);
    assertEquals(
        "eve requested this release and cannot approve it",
        t.approve(new ApprovalDecision("eve", null)).message(),
        "the requester never counts, whatever their groups");
    assertEquals(
        "approved by carol (1 of 2; needs 1 from sre-oncall)",
        t.approve(new ApprovalDecision("carol", null)).message());
    assertEquals("needs 1 from sre-oncall", t.status().missing());
    assertEquals(
        "approved by fay (2 of 2; needs 1 from sre-oncall)",
        t.approve(new ApprovalDecision("fay", null)).message(),
        "two team leads are not one of each");
    assertFalse(t.approved());
    assertEquals(
        "approved by dan (3 of 2)", t.approve(new ApprovalDecision("dan", null)).message());
    assertTrue(t.approved());
    assertNull(t.status().missing());
    assertEquals(List.of("team-lead", "sre-oncall"), t.status().fromEach());
  }

  @Test
  void statusShowsWhoMayApproveAndWhoDid() {
    ApprovalTally t = tally();
    t.approve(new ApprovalDecision("bob", null));
    assertEquals(
        new GateStatus(
            "canary-50",
            2,
            List.of("alice", "bob", "carol"),
            List.of("bob"),
            DEADLINE,
            List.of(),
            "needs 1 more approval"),
        t.status());
  }

  static Stream<Arguments> refusedRejections() {
    return Stream.of(
        Arguments.of(new ApprovalDecision("bob", null), "a rejection needs a reason"),
        Arguments.of(new ApprovalDecision("bob", "   "), "a rejection needs a reason"),
        Arguments.of(
            new ApprovalDecision("mallory", "I don't like it"),
            "mallory is not an allowed approver"),
        Arguments.of(new ApprovalDecision(null, "bad"), "the decision names no approver"),
        Arguments.of(null, "the decision names no approver"));
  }

  @ParameterizedTest
  @MethodSource("refusedRejections")
  void aRejectionNeedsAnAllowedApproverAndAReason(ApprovalDecision d, String message) {
    ApprovalTally t = tally();
    ApprovalTally.Answer a = t.reject(d);
    assertFalse(a.accepted());
    assertTrue(a.message().contains(message), a.message());
    assertFalse(t.rejected());
    assertFalse(t.closed());
    assertNull(t.rejection());
  }

  @Test
  void aRejectionByAnAllowedApproverClosesTheGate() {
    ApprovalTally t = tally();
    assertTrue(t.approve(new ApprovalDecision("alice", null)).accepted());
    ApprovalTally.Answer a = t.reject(new ApprovalDecision("bob", "p99 regressed in eu-west"));
    assertTrue(a.accepted());
    assertEquals("rejected by bob: p99 regressed in eu-west", a.message());
    assertTrue(t.rejected());
    assertTrue(t.closed());
    assertFalse(
        t.approved(), "one approval of two does not approve, and a rejection closes the gate");
    assertEquals("rejected by bob: p99 regressed in eu-west", t.rejection());
    ApprovalTally.Answer late = t.approve(new ApprovalDecision("bob", null));
    assertFalse(late.accepted());
    assertTrue(late.message().contains("already closed"), late.message());
    assertEquals(List.of("alice"), t.approvedBy());
  }
}
