package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ControlCommand;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.client.ReleaseControls;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Two workers on the task queues, against the real Temporal server: releases spread over both; and
 * one killed -9 while it soaks canaries, holds releases at their gates and rolls one back — the
 * other takes every release over, and each reaches its outcome with every traffic action done (an
 * action the killed worker had begun is done again by the other, which the journal folds into one).
 */
class TwoWorkersIT extends RealServerTest {
  private static final Duration UP = Duration.ofMinutes(2);
  private static final List<String> PROMOTED_AT_10 =
      List.of(
          "set-weight 10%",
          "set-weight 100%", "promote-stable 2.3.0", "route-all-to-stable", "scale-canary-to-zero");

  @Test
  void releasesSpreadOverBothWorkers() throws Exception {
    try (AppProcess a = worker("spread-a").awaitUp(UP);
        AppProcess b = worker("spread-b").awaitUp(UP)) {
      List<String> ids =
          IntStream.range(0, 8).mapToObj(i -> start(request("spread-" + i, "brief"))).toList();
      for (String id : ids) {
        assertEquals(ReleaseOutcome.PROMOTED, result(id, Duration.ofMinutes(2)).outcome(), id);
      }
      Set<String> workers =
          ids.stream()
              .flatMap(id -> server.client().fetchHistory(id).getEvents().stream())
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
              .map(e -> e.getActivityTaskStartedEventAttributes().getIdentity())
              .collect(Collectors.toSet());
      assertTrue(
          workers.stream().anyMatch(a::is) && workers.stream().anyMatch(b::is),
          "activities ran on both workers: " + workers);
    }
  }

  @Test
  void aWorkerKilledMidSoakAtGatesAndMidRollbackLeavesEveryReleaseToTheOther() throws Exception {
    String breach = "--rollwright.sandbox.metrics[0]=falls canary error-rate = 0.002, 2s: 0.3";
    List<String> soaking = List.of("haul-1@prod", "haul-2@prod");
    List<String> gated = List.of("parked-1@prod", "parked-2@prod");
    AppProcess a = worker("killed-a", "--rollwright.sandbox.action-delay=10s", breach).awaitUp(UP);
    AppProcess b = null;
    try {
      soaking.forEach(id -> start(request(id.substring(0, id.indexOf('@')), "long-haul")));
      gated.forEach(id -> start(request(id.substring(0, id.indexOf('@')), "park")));
      String falls = start(request("falls", "soak"));
      for (String id : soaking) {
        awaitPhase(id, Phase.SOAKING, Duration.ofMinutes(1));
      }
      for (String id : gated) {
        awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));
      }
      awaitPhase(falls, Phase.ROLLING_BACK, Duration.ofMinutes(1));
      b = worker("killed-b", breach).awaitUp(UP);

      List<String> held = new ArrayList<>(soaking);
      held.addAll(gated);
      held.add(falls);
      for (String id : held) {
        List<PendingActivityInfo> pending = pending(id);
        assertTrue(
            pending.stream().anyMatch(p -> a.is(p.getLastWorkerIdentity())),
            id + " is held by the worker to be killed: " + pending);
      }
      a.kill9();
      long killed = System.nanoTime();

      String haul = soaking.get(0);
      AppProcess other = b;
      await(
          "the soak taken over by the other worker",
          Duration.ofMinutes(1),
          () ->
              pending(haul).stream()
                  .anyMatch(
                      p ->
                          p.getActivityType().getName().equals("Soak")
                              && other.is(p.getLastWorkerIdentity())));
      System.out.println(
          String.format(Locale.ROOT, "takeover_s: %.1f", (System.nanoTime() - killed) / 1e9));

      ReleaseControls controls = new ReleaseControls(server.client(), Duration.ofSeconds(30));
      for (String id : gated) {
        assertTrue(
            controls
                .send(id, new ControlCommand(ControlCommand.Action.APPROVE, "bob", "ok", null))
                .accepted(),
            id);
      }
      for (String id : soaking) {
        awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(2));
        for (String approver : List.of("bob", "carol")) {
          assertTrue(
              controls
                  .send(id, new ControlCommand(ControlCommand.Action.APPROVE, approver, "ok", null))
                  .accepted(),
              id);
        }
      }

      List<Executable> checks = new ArrayList<>();
      ReleaseResult fell = result(falls, Duration.ofMinutes(2));
      checks.add(() -> assertEquals(ReleaseOutcome.ROLLED_BACK, fell.outcome(), fell.toString()));
      checks.add(
          () ->
              assertEquals(
                  List.of(
                      "deploy-canary registry.example/falls:2.3.0",
                      "set-weight 10%",
                      "route-all-to-stable",
                      "scale-canary-to-zero"),
                  AppProcess.plannedSequence(journal(), "falls")));
      for (String id : gated) {
        ReleaseResult r = result(id, Duration.ofMinutes(2));
        checks.add(() -> assertEquals(ReleaseOutcome.PROMOTED, r.outcome(), r.toString()));
        checks.add(() -> assertEquals(PROMOTED_AT_10, after(id)));
      }
      for (String id : soaking) {
        ReleaseResult r = result(id, Duration.ofMinutes(2));
        checks.add(() -> assertEquals(ReleaseOutcome.PROMOTED, r.outcome(), r.toString()));
        checks.add(
            () ->
                assertEquals(
                    List.of(
                        "set-weight 10%",
                        "set-weight 50%",
                        "set-weight 100%",
                        "promote-stable 2.3.0",
                        "route-all-to-stable",
                        "scale-canary-to-zero"),
                    after(id)));
      }
      assertAll(checks);
    } finally {
      closeAll(a, b);
    }
  }

  /** The release's traffic actions after it deployed its canary. */
  private static List<String> after(String id) {
    List<String> all = AppProcess.plannedSequence(journal(), id.substring(0, id.indexOf('@')));
    assertTrue(all.get(0).startsWith("deploy-canary"), all.toString());
    return all.subList(1, all.size());
  }

  private static List<PendingActivityInfo> pending(String id) {
    return describe(id).getPendingActivitiesList();
  }
}
