package io.rollwright.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.RollbackReason;
import io.rollwright.policy.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What the {@code control} update's validator refuses ({@link ReleaseState#certainRefusal}) is
 * refused by the handler too, with the same reason, in every state, whatever other control is
 * applied before it.
 */
class CertainRefusalTest {
  private static final ReleaseRequest REQUEST =
      new ReleaseRequest(
          "checkout",
          "1.4.2",
          "registry.local/checkout:1.4.2",
          "prod",
          Strategy.CANARY,
          "standard",
          null,
          "carol",
          null,
          "CHG-1");

  /** Everyone allowed at some gate: dave only at a later one. */
  private static final Set<String> APPROVERS =
      new LinkedHashSet<>(List.of("alice", "bob", "carol", "dave"));

  /** The states a release can be in when a control arrives, by name. */
  private static Map<String, Consumer<ReleaseState>> states() {
    Map<String, Consumer<ReleaseState>> states = new LinkedHashMap<>();
    states.put("resolving", s -> {});
    states.put(
        "soaking",
        s -> {
          s.approvers(APPROVERS);
          s.enterStage(1, "canary-50");
          s.soaking(true);
        });
    states.put(
        "paused",
        s -> {
          s.approvers(APPROVERS);
          s.enterStage(1, "canary-50");
          s.pauseBySystem("analysis inconclusive");
        });
    states.put(
        "at its gate",
        s -> {
          s.approvers(APPROVERS);
          s.enterStage(1, "canary-50");
          s.openGate(ApprovalTallyTest.tally());
        });
    states.put(
        "at its gate, one approval in",
        s -> {
          s.approvers(APPROVERS);
          s.enterStage(1, "canary-50");
          s.openGate(ApprovalTallyTest.tally());
          s.approve(new io.rollwright.api.ApprovalDecision("alice", null));
        });
    states.put("rolling back", s -> s.beginRollback(RollbackReason.ANALYSIS, "p99 breached"));
    states.put("promoting", s -> s.phase(Phase.PROMOTING));
    states.put(
        "ended",
        s ->
            s.finish(
                new ReleaseResult(
                    "checkout@prod", ReleaseOutcome.PROMOTED, null, "all stages passed", 1)));
    return states;
  }

  private static List<ControlCommand> commands() {
    List<ControlCommand> all = new ArrayList<>();
    all.add(null);
    all.add(new ControlCommand(null, "bob", "why"));
    for (Action action : Action.values()) {
      for (String actor : new String[] {null, " ", "carol", "alice", "bob", "dave", "mallory"}) {
        for (String reason : new String[] {null, "why"}) {
          for (String stage : new String[] {null, "canary-50", "canary-5"}) {
            all.add(new ControlCommand(action, actor, reason, stage));
          }
        }
      }
    }
    return all;
  }

  private static ReleaseState in(Consumer<ReleaseState> setUp) {
    ReleaseState s = new ReleaseState(REQUEST, () -> 1000L);
    setUp.accept(s);
    return s;
  }

  @Test
  void whatTheValidatorRefusesTheHandlerRefusesWithTheSameReasonWhateverComesFirst() {
    for (var state : states().entrySet()) {
      int certain = 0;
      for (ControlCommand c : commands()) {
        ReleaseState s = in(state.getValue());
        String before = s.snapshot().toString();
        String refusal = s.certainRefusal(c);
        assertEquals(before, s.snapshot().toString(), "asking changes nothing");
        if (refusal == null) {
          continue;
        }
        certain++;
        assertEquals(new ControlAnswer(false, refusal), s.apply(c), state.getKey() + ": " + c);
        for (ControlCommand first : commands()) {
          ReleaseState after = in(state.getValue());
          after.apply(first);
          assertFalse(after.apply(c).accepted(), state.getKey() + ", after " + first + ": " + c);
        }
      }
      if (List.of("rolling back", "promoting", "ended").contains(state.getKey())) {
        assertEquals(
            commands().size(), certain, state.getKey() + ": closed to every control for good");
      }
    }
  }

  @Test
  void whatADoorOffersSomeoneIsAcceptedFromThemAndTheGateOffersOnlyItsApprovers() {
    for (var state : states().entrySet()) {
      for (String person : List.of("carol", "alice", "bob", "dave", "mallory")) {
        for (String offered : in(state.getValue()).offeredTo(person)) {
          ReleaseState s = in(state.getValue());
          Action action = Action.named(offered, false);
          ControlAnswer answer =
              s.apply(
                  new ControlCommand(
                      action, person, "why", action == Action.APPROVE ? "canary-50" : null));
          assertTrue(
              answer.accepted(), state.getKey() + ", " + person + ", " + offered + ": " + answer);
        }
      }
    }
    assertEquals(
        List.of("approve", "reject", "pause", "abort"),
        in(states().get("at its gate")).offeredTo("alice"));
    assertEquals(
        List.of("reject", "pause", "abort"),
        in(states().get("at its gate")).offeredTo("carol"),
        "the requester may reject but not approve");
    assertEquals(
        List.of("pause", "abort"),
        in(states().get("at its gate")).offeredTo("mallory"),
        "without roles anyone operates; only approvers decide");
    assertEquals(List.of("resume", "abort"), in(states().get("paused")).offeredTo("bob"));
    assertEquals(List.of(), in(states().get("ended")).offeredTo("alice"));
    assertEquals(List.of(), in(states().get("soaking")).offeredTo(" "));
  }

  @Test
  void theFloodsPeopleCanSendAreRefusedForCertain() {
    for (var state : states().entrySet()) {
      ReleaseState s = in(state.getValue());
      assertNotNull(
          s.certainRefusal(new ControlCommand(Action.APPROVE, "carol", "my own change")),
          state.getKey());
      assertNotNull(
          s.certainRefusal(new ControlCommand(Action.ABORT, "mallory", null)), state.getKey());
      assertNotNull(s.certainRefusal(new ControlCommand(Action.PAUSE, null, "x")), state.getKey());
    }
    assertEquals(
        "carol requested this release and cannot approve it",
        in(states().get("at its gate"))
            .certainRefusal(new ControlCommand(Action.APPROVE, "carol", null)));
    assertEquals(
        "mallory is not an allowed approver at any gate of this release (allowed: alice, bob, carol, dave)",
        in(states().get("soaking"))
            .certainRefusal(new ControlCommand(Action.REJECT, "mallory", "no")));
    assertEquals(
        "carol requested this release and cannot approve it",
        in(s -> s.approvers(Set.of("alice")))
            .certainRefusal(new ControlCommand(Action.APPROVE, "carol", null)),
        "the requester is told why first, allowed or not");
    ReleaseState gateless = in(s -> s.approvers(Set.of()));
    assertEquals(
        "no approval gate is open",
        gateless.certainRefusal(new ControlCommand(Action.APPROVE, "bob", null)),
        "a release without approval gates never opens one");
  }

  @Test
  void aStrangersRefusalIsRecordedAsNotAnApproverAndReadsAsTheirAnswer() {
    ReleaseState s = in(states().get("soaking"));
    ControlAnswer answer = s.apply(new ControlCommand(Action.REJECT, "mallory", "no"));
    s.apply(new ControlCommand(Action.REJECT, "mallory", "still no"));

    List<AuditEntry> audit = s.snapshot().audit();
    assertEquals(
        new ControlEvent.NotAnApprover(
            1000L, "mallory", "reject", null, "alice, bob, carol, dave", 2),
        audit.get(audit.size() - 1));
    assertEquals(answer.message() + " (×2)", audit.get(audit.size() - 1).detail());
  }

  @Test
  void whatDependsOnTheGateOrOnQueuedControlsGoesToTheHandler() {
    ReleaseState gate = in(states().get("at its gate, one approval in"));
    assertNull(
        gate.certainRefusal(new ControlCommand(Action.APPROVE, "alice", null)),
        "a second approval at a later gate would count");
    assertNull(
        gate.certainRefusal(new ControlCommand(Action.APPROVE, "dave", null)),
        "a later gate allows dave");
    assertNull(
        in(states().get("resolving"))
            .certainRefusal(new ControlCommand(Action.APPROVE, "mallory", null)),
        "before the policy is resolved, anyone may be an approver");
    ReleaseState paused = in(states().get("paused"));
    assertNull(
        paused.certainRefusal(new ControlCommand(Action.PAUSE, "bob", null)),
        "a queued resume may come first");
    assertNull(
        in(states().get("soaking")).certainRefusal(new ControlCommand(Action.APPROVE, "bob", null)),
        "a gate may open first");
  }
}
