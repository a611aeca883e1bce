package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.activities.metrics.Track;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ControlLimits;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.LedgerEntry;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainResult;
import io.rollwright.api.TrainWorkflow;
import io.rollwright.client.ReleaseEndedWithoutOutcomeException;
import io.rollwright.client.Trains;
import io.rollwright.policy.Strategy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Trains on the time-skipping service: releases of several services in dependency order, each a
 * child release; the first that fails stops the train and those it promoted are rolled back to
 * their previous versions, newest first.
 */
class TrainTest extends TimeSkippingTrainTest {
  /** db, then api, then web; docs on its own, beside them. */
  private static TrainRequest train(String version) {
    return new TrainRequest(
        "checkout-q4",
        "prod",
        "alice",
        "checkout v2: schema, API and web",
        "PLAT-7",
        List.of(
            car("db", version, List.of()),
            car("api", version, List.of("db")),
            car("web", version, List.of("api")),
            car("docs", version, List.of())));
  }

  @Test
  void eachServiceStartsOnceThoseItGoesAfterArePromotedAndIndependentOnesGoAlongside() {
    TrainResult result = result(start(train("2.0.0")));

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertEquals("all 4 releases promoted", result.detail());
    for (String service : SERVICES) {
      assertEquals("2.0.0", h.cluster().stableVersion(service), service);
    }
    Map<String, LedgerEntry> runs = releases();
    assertTrue(runs.get("api").startedAtMillis() >= runs.get("db").endedAtMillis());
    assertTrue(runs.get("web").startedAtMillis() >= runs.get("api").endedAtMillis());
    assertTrue(
        runs.get("docs").startedAtMillis() < runs.get("db").endedAtMillis(),
        "docs waits for nobody");
    assertEquals(List.of(), rollbacks());
  }

  @Test
  void eachReleaseOfTheTrainCarriesItsChangeAndCommitTimeForLeadTime() {
    // the start is checked against the wall clock, which the test server's skipped clock may pass
    Instant committed = Instant.now().minusSeconds(3_600);

    result(start(train("2.0.0"), committed));

    for (String service : SERVICES) {
      LedgerEntry entry = releases().get(service);
      assertEquals("PLAT-7", entry.changeRef(), service);
      assertEquals(committed.toEpochMilli(), entry.changeCommittedAtMillis(), service);
    }
  }

  @Test
  void whenTheLastServiceFailsThoseAlreadyPromotedGoBackToTheirPreviousVersionsNewestFirst() {
    h.sandbox.metrics().script("web", Track.CANARY, "error-rate", "0.3");

    TrainResult result = result(start(train("2.0.0")));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals("web", result.failedService());
    assertTrue(
        result.detail().startsWith("web rolled back: error-rate 30.00% > 5.00%"), result.detail());
    assertEquals(
        List.of("api PROMOTED from 2.0.0", "db PROMOTED from 2.0.0", "docs PROMOTED from 2.0.0"),
        rollbacks().stream().sorted().toList());
    assertTrue(
        rollbacks().indexOf("api PROMOTED from 2.0.0")
            < rollbacks().indexOf("db PROMOTED from 2.0.0"),
        "api, promoted after db, is rolled back first: " + rollbacks());
    for (String service : SERVICES) {
      assertEquals("1.0.0", h.cluster().stableVersion(service), service);
    }
    Map<String, TrainResult.Car> cars =
        result.releases().stream()
            .collect(Collectors.toMap(TrainResult.Car::service, Function.identity()));
    assertEquals(ReleaseOutcome.ROLLED_BACK, cars.get("web").outcome());
    assertNull(cars.get("web").rollback(), "web rolled itself back");
    assertEquals(ReleaseOutcome.PROMOTED, cars.get("api").outcome());
    assertEquals(ReleaseOutcome.PROMOTED, cars.get("api").rollback());
  }

  @Test
  void aTrainThatKeepsWhatItPromotedRollsBackOnlyTheReleaseThatFailed() {
    h.sandbox.metrics().script("web", Track.CANARY, "error-rate", "0.3");
    TrainRequest train = train("2.0.0");
    TrainRequest keeping =
        new TrainRequest(
            train.name(),
            train.environment(),
            train.requestedBy(),
            train.reason(),
            train.changeRef(),
            train.releases(),
            TrainRequest.KEEP);

    TrainResult result = result(start(keeping));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertTrue(
        result.detail().endsWith("; kept db, api, docs as promoted (onFailure: keep)"),
        result.detail());
    assertEquals(List.of(), rollbacks(), "no rollback release ran");
    assertEquals("1.0.0", h.cluster().stableVersion("web"));
    for (String service : List.of("db", "api", "docs")) {
      assertEquals("2.0.0", h.cluster().stableVersion(service), service);
    }
  }

  /** billing (whose policy names its requesters and operators) at {@code version}, by alice. */
  private void billingAt(String version) {
    h.run(
        new ReleaseRequest(
            "billing",
            version,
            image("billing", version),
            "prod",
            Strategy.CANARY,
            null,
            null,
            "alice",
            null,
            null));
    h.ledgered.clear();
  }

  @Test
  void whenOneFailsTheReleasesRunningBesideItAreAbortedByTheTrainWhateverTheirRoles() {
    h.sandbox.metrics().script("docs", Track.CANARY, "error-rate", "0.3");
    TrainRequest pair =
        new TrainRequest(
            "pair",
            "prod",
            "alice",
            null,
            null,
            List.of(
                new TrainRequest.Release(
                    "billing", "2.0.0", image("billing", "2.0.0"), null, null, List.of()),
                car("docs", "2.0.0", List.of())));
    billingAt("1.0.0");

    TrainResult result = result(start(pair));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals("docs", result.failedService());
    LedgerEntry billing = releases().get("billing");
    assertEquals(ReleaseOutcome.ROLLED_BACK, billing.outcome(), billing.detail());
    assertEquals(
        "aborted by train:pair@prod: docs rolled back: error-rate 30.00% > 5.00%",
        billing.detail(),
        "billing's operators are oncall-sam alone, yet the train that started it stopped it");
    assertEquals("1.0.0", h.cluster().stableVersion("billing"));
    assertEquals(List.of(), rollbacks(), "the train promoted nothing to put back");
  }

  @Test
  void theTrainPutsBackWhatItPromotedWhereARollbackWouldBeBreakGlass() {
    h.sandbox.metrics().script("docs", Track.CANARY, "error-rate", "0.3");
    billingAt("1.0.0");
    TrainRequest billingThenDocs =
        new TrainRequest(
            "undo-billing",
            "prod",
            "alice",
            null,
            null,
            List.of(
                new TrainRequest.Release(
                    "billing", "2.0.0", image("billing", "2.0.0"), null, null, List.of()),
                car("docs", "2.0.0", List.of("billing"))));

    TrainResult result = result(start(billingThenDocs));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertEquals(
        List.of("billing PROMOTED from 2.0.0"),
        rollbacks(),
        "billing declares roles, so a rollback by alice would be break-glass; the train's own is"
            + " not");
    assertEquals("1.0.0", h.cluster().stableVersion("billing"));
  }

  @Test
  void aPausedTrainHoldsWhatRunsAndStartsNothingMore() {
    TrainWorkflow train = start(train("2.0.0"));
    h.waitFor(Duration.ofMinutes(15));
    assertEquals("running", state(train, "api"));

    train.pause(new ControlRequest("oncall-sam", "hold for the dashboard"));
    h.waitFor(Duration.ofMinutes(30));
    ReleaseStatus api = h.client.newWorkflowStub(ReleaseWorkflow.class, "api@prod").status();
    assertEquals(Phase.PAUSED, api.phase(), "the train's pause reached api");
    assertEquals("paused by oncall-sam: hold for the dashboard", train.status().pausedBecause());
    assertEquals("running", state(train, "api"), "held at its stage, not promoted");
    assertEquals("waiting", state(train, "web"));
  }

  /**
   * Train {@code name} of docs and billing (whose own policy names its requesters and operators),
   * asked for by {@code requester}.
   */
  private static TrainRequest withBilling(String name, String requester) {
    return new TrainRequest(
        name,
        "prod",
        requester,
        null,
        null,
        List.of(
            car("docs", "2.0.0", List.of()),
            new TrainRequest.Release(
                "billing", "2.0.0", image("billing", "2.0.0"), null, null, List.of())));
  }

  @Test
  void aTrainControlNeedsTheOperatorsRoleOfEveryServiceAndARefusedSignalIsKept() {
    TrainWorkflow train = start(withBilling("guarded", "alice"));
    h.waitFor(Duration.ofMinutes(2));

    WorkflowUpdateException refused =
        assertThrows(
            WorkflowUpdateException.class,
            () -> train.control(new ControlCommand(Action.ABORT, "mallory", "why not")));
    assertEquals(
        "mallory may not abort billing@prod: that needs the operators role (held by oncall-sam);"
            + " a train's abort needs it for every service",
        ((ApplicationFailure) refused.getCause()).getOriginalMessage());
    assertEquals(ControlLimits.FORBIDDEN, ((ApplicationFailure) refused.getCause()).getType());
    train.pause(new ControlRequest("mallory", null));
    assertEquals(null, train.status().pausedBecause(), "mallory's signal changed nothing");
    assertEquals(
        List.of(
            "pause by mallory: mallory may not pause billing@prod: that needs the operators role"
                + " (held by oncall-sam); a train's pause needs it for every service"),
        train.status().refused());

    ControlAnswer paused = train.control(new ControlCommand(Action.PAUSE, "oncall-sam", "hold"));
    assertTrue(paused.accepted(), paused.message());
    assertEquals("paused by oncall-sam: hold", train.status().pausedBecause());
    WorkflowUpdateException twice =
        assertThrows(
            WorkflowUpdateException.class,
            () -> train.control(new ControlCommand(Action.PAUSE, "oncall-sam", null)));
    assertEquals(
        "train:guarded@prod is already paused by oncall-sam: hold",
        ((ApplicationFailure) twice.getCause()).getOriginalMessage());
  }

  @Test
  void aTrainWhoseRequesterMayNotReleaseOneOfItsServicesIsRefusedBeforeAnythingStarts() {
    TrainRequest stranger = withBilling("stranger", "mallory");

    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> result(start(stranger)));

    assertEquals(
        "mallory may not start a release of billing@prod: that needs the requesters role (held by"
            + " alice, ci-bot)",
        ((ApplicationFailure) e.getCause()).getOriginalMessage());
    assertEquals(List.of(), h.ledgered, "docs did not start either");
  }

  @Test
  void followingARefusedTrainEndsWithTheRefusalInsteadOfWaitingForEver() throws Exception {
    TrainRequest stranger = withBilling("followed", "mallory");
    start(stranger);
    List<String> lines = new java.util.ArrayList<>();

    ReleaseEndedWithoutOutcomeException e =
        assertThrows(
            ReleaseEndedWithoutOutcomeException.class,
            () ->
                new Trains(h.client, h.taskQueue)
                    .follow(stranger.trainId(), lines::add, Duration.ofMillis(50)));

    assertTrue(e.invalid(), e.getMessage());
    assertTrue(
        e.getMessage()
            .startsWith(
                "train:followed@prod was refused, nothing was deployed: mallory may not start"),
        e.getMessage());
  }

  private static String state(TrainWorkflow train, String service) {
    return train.status().releases().stream()
        .filter(c -> c.service().equals(service))
        .findFirst()
        .orElseThrow()
        .state();
  }

  @Test
  void aTrainWhoseOrderGoesRoundInACircleIsRefusedBeforeAnythingStarts() {
    TrainRequest circle =
        new TrainRequest(
            "loop",
            "prod",
            "alice",
            null,
            null,
            List.of(car("db", "2.0.0", List.of("web")), car("web", "2.0.0", List.of("db"))));

    TrainWorkflow unchecked =
        h.client.newWorkflowStub(
            TrainWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(circle.trainId())
                .setTaskQueue(h.taskQueue)
                .build());
    WorkflowClient.start(unchecked::run, circle);
    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> result(unchecked));

    assertTrue(
        e.getCause()
            .getMessage()
            .contains("the order goes round in a circle: db after web after db"),
        e.getCause().getMessage());
    assertEquals(List.of(), h.ledgered);
  }
}
