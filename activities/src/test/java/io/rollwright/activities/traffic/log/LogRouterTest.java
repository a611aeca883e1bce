package io.rollwright.activities.traffic.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rollwright.activities.base.Registry;
import io.rollwright.activities.traffic.TrafficActivitiesImpl;
import io.rollwright.activities.traffic.TrafficTestStubs;
import io.rollwright.api.TrafficActivities;
import io.rollwright.api.TrafficTarget;
import io.temporal.testing.TestActivityEnvironment;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The log router through the real traffic activities: every step a release takes succeeds, its
 * weight check included, and nothing runs.
 */
class LogRouterTest {
  private final LogRouter router = new LogRouter();
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final TrafficTarget checkout =
      new TrafficTarget(
          "checkout@prod",
          "checkout",
          "prod",
          "2.3.0",
          "reg/checkout:2.3.0",
          "log",
          null,
          null,
          null);
  private final TrafficTarget ledger =
      new TrafficTarget(
          "ledger@prod", "ledger", "prod", "1.1.0", "reg/ledger:1.1.0", "log", null, null, null);

  private TrafficActivities traffic() {
    env.registerActivitiesImplementations(
        new TrafficActivitiesImpl(
            new Registry<>("traffic router", Map.of(LogRouter.NAME, router)),
            new Registry<>("workload manager", Map.of(LogRouter.NAME, router))));
    return TrafficTestStubs.traffic(env);
  }

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void eachStageWeightIsAppliedAndShownPerRelease() {
    TrafficActivities traffic = traffic();
    traffic.deployCanary(checkout);
    assertEquals(5.0, traffic.setWeight(checkout, 5), 1e-9);
    assertEquals(0.5, traffic.setWeight(ledger, 0.5), 1e-9);
    assertEquals(25.0, traffic.setWeight(checkout, 25), 1e-9);

    assertEquals(25.0, router.verifyWeight(checkout), 1e-9);
    assertEquals(0.5, router.verifyWeight(ledger), 1e-9);
  }

  @Test
  void promotionAndRollbackLeaveAllTrafficOnStable() {
    TrafficActivities traffic = traffic();
    traffic.setWeight(checkout, 50);
    traffic.promote(checkout);
    traffic.setWeight(ledger, 10);
    traffic.rollback(ledger);

    assertEquals(0.0, router.verifyWeight(checkout), 1e-9);
    assertEquals(0.0, router.verifyWeight(ledger), 1e-9);
    assertFalse(router.stableRuns(checkout), "the log router runs no workloads");
    assertFalse(router.canaryRuns(checkout), "the log router runs no workloads");
  }
}
