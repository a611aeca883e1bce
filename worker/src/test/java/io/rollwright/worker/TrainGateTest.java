package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ControlLimits;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.api.TrainStatus;
import io.rollwright.api.TrainWorkflow;
import io.rollwright.policy.Gate;
import io.rollwright.policy.GateType;
import io.rollwright.policy.TimeoutAction;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a release of a train waits for after those it goes after are promoted: a bake, and an
 * approval gate whose rejection (or timeout) stops the train and rolls back what it promoted.
 */
class TrainGateTest extends TimeSkippingTrainTest {
  private static final Gate CAROL_OR_DAVE = approval(List.of("carol", "dave"), List.of());

  private static Gate approval(List<String> approvers, List<String> groups) {
    return new Gate(
        GateType.APPROVAL, 1, approvers, groups, null, Duration.ofHours(4), TimeoutAction.REJECT);
  }

  /** db, then api behind {@code gate} (and {@code bake}), asked for by alice. */
  private static TrainRequest dbThenApi(String name, Duration bake, Gate gate) {
    return new TrainRequest(
        name,
        "prod",
        "alice",
        null,
        null,
        List.of(car("db", "2.0.0", List.of()), gated("api", List.of("db"), bake, gate)));
  }

  private static TrainStatus.Car car(TrainWorkflow train, String service) {
    return train.status().releases().stream()
        .filter(c -> c.service().equals(service))
        .findFirst()
        .orElseThrow();
  }

  private static ApplicationFailure refused(TrainWorkflow train, ControlCommand c) {
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, () -> train.control(c));
    return (ApplicationFailure) e.getCause();
  }

  @Test
  void anApprovalGateHoldsTheNextReleaseUntilOneOfItsApproversApproves() {
    TrainWorkflow train = start(dbThenApi("gated", null, CAROL_OR_DAVE));
    h.waitFor(Duration.ofHours(1));
    assertEquals("promoted", car(train, "db").state());
    TrainStatus.Car api = car(train, "api");
    assertEquals("at gate", api.state());
    assertEquals(List.of("carol", "dave"), api.gate().allowed());

    ApplicationFailure self = refused(train, new ControlCommand(Action.APPROVE, "alice", null));
    assertEquals("alice requested this release and cannot approve it", self.getOriginalMessage());
    ApplicationFailure stranger =
        refused(train, new ControlCommand(Action.APPROVE, "mallory", null));
    assertEquals(ControlLimits.FORBIDDEN, stranger.getType());
    assertTrue(
        stranger.getOriginalMessage().contains("carol, dave"), stranger.getOriginalMessage());
    h.waitFor(Duration.ofMinutes(30));
    assertEquals("at gate", car(train, "api").state(), "nothing starts before an approval");

    long approvedAt = h.env.currentTimeMillis();
    ControlAnswer approved = train.control(new ControlCommand(Action.APPROVE, "carol", "lgtm"));
    assertEquals("the gate of api: approved by carol (1 of 1)", approved.message());
    TrainResult result = result(train);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals("2.0.0", h.cluster().stableVersion("api"));
    assertTrue(
        releases().get("api").startedAtMillis() >= approvedAt,
        "api started once carol approved, not when db was promoted");
  }

  @Test
  void aRejectionStopsTheTrainAndRollsBackWhatItPromoted() {
    TrainWorkflow train = start(dbThenApi("rejected", null, CAROL_OR_DAVE));
    h.waitFor(Duration.ofHours(1));

    ApplicationFailure noReason = refused(train, new ControlCommand(Action.REJECT, "dave", null));
    assertTrue(noReason.getOriginalMessage().contains("reason"), noReason.getOriginalMessage());
    train.reject(new ApprovalDecision("dave", "error budget spent in eu"));
    TrainResult result = result(train);

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals("api", result.failedService());
    assertEquals(
        "api was refused at its gate: rejected by dave: error budget spent in eu; rolled back db",
        result.detail());
    assertFalse(releases().containsKey("api"), "api never started");
    assertEquals(List.of("db PROMOTED from 2.0.0"), rollbacks());
    assertEquals("1.0.0", h.cluster().stableVersion("db"));
    assertEquals("1.0.0", h.cluster().stableVersion("api"));
  }

  @Test
  void aGateThatTimesOutToRejectStopsTheTrain() {
    TrainResult result = result(start(dbThenApi("unanswered", null, CAROL_OR_DAVE)));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertTrue(
        result
            .detail()
            .startsWith(
                "api was refused at its gate: its gate timed out after 4h without the approvals"),
        result.detail());
    assertEquals("1.0.0", h.cluster().stableVersion("db"));
  }

  @Test
  void aBakeHoldsTheNextReleaseForItsDurationAfterThoseBeforeArePromoted() {
    TrainWorkflow train = start(dbThenApi("baked", Duration.ofHours(2), null));
    h.waitFor(Duration.ofHours(1));
    assertEquals("baking", car(train, "api").state());
    ApplicationFailure none = refused(train, new ControlCommand(Action.APPROVE, "carol", null));
    assertEquals("train:baked@prod has no gate open", none.getOriginalMessage());

    TrainResult result = result(train);

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertTrue(
        releases().get("api").startedAtMillis() - releases().get("db").endedAtMillis()
            >= Duration.ofHours(2).toMillis());
  }

  @Test
  void withSeveralGatesOpenADecisionNamesTheReleaseItIsFor() {
    TrainRequest train =
        new TrainRequest(
            "fan-out",
            "prod",
            "alice",
            null,
            null,
            List.of(
                car("db", "2.0.0", List.of()),
                gated("api", List.of("db"), null, CAROL_OR_DAVE),
                gated("web", List.of("db"), null, CAROL_OR_DAVE)));
    TrainWorkflow running = start(train);
    h.waitFor(Duration.ofHours(1));

    ApplicationFailure which = refused(running, new ControlCommand(Action.APPROVE, "carol", null));
    assertEquals(
        "train:fan-out@prod has several gates open (api, web): name one",
        which.getOriginalMessage());
    assertTrue(
        running.control(new ControlCommand(Action.APPROVE, "carol", null, "web")).accepted());
    h.waitFor(Duration.ofMinutes(1));
    assertEquals("running", car(running, "web").state());
    assertEquals("at gate", car(running, "api").state());
    assertTrue(
        running.control(new ControlCommand(Action.APPROVE, "dave", null, "api@prod")).accepted());

    assertEquals(ReleaseOutcome.PROMOTED, result(running).outcome());
  }

  @Test
  void aGateNamingAGroupItsServiceDoesNotDefineIsRefusedBeforeAnythingStarts() {
    TrainWorkflow train =
        start(dbThenApi("no-such-group", null, approval(List.of(), List.of("sre"))));

    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> result(train));
    String why = ((ApplicationFailure) e.getCause()).getOriginalMessage();
    assertTrue(
        why.startsWith(
            "api.gate.groups: names group 'sre' which the policy's groups do not define"),
        why);
    assertTrue(releases().isEmpty(), "nothing started");
  }
}
