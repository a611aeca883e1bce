package io.rollwright.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.activities.metrics.Track;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import org.junit.jupiter.api.Test;

/**
 * Stages that name cohorts, on the sandbox: each stage hands the router its own cohort and every
 * earlier one, beside its weight; promotion sends everyone, and a rollback takes them all back with
 * the routes.
 */
class CohortReleaseTest extends TimeSkippingReleaseTest {

  @Test
  void eachStageSendsItsCohortAndTheEarlierOnesToTheCanary() {
    ReleaseResult result = h.run(ReleaseHarness.request("checkout", "cohorts"));

    assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result.detail());
    assertThat(h.actions("checkout"))
        .filteredOn(a -> a.startsWith("set-weight"))
        .containsExactly(
            "set-weight 0.5% and cohorts [internal_test]",
            "set-weight 5% and cohorts [internal_test, friendly_gp]",
            "set-weight 25% and cohorts [internal_test, friendly_gp, beta]",
            "set-weight 100%");
  }

  @Test
  void aBreachTakesTheCohortsBackWithTheRoutes() {
    h.sandbox.metrics().script("checkout", Track.CANARY, "error-rate", "0.002, 45m: 0.09");

    ReleaseResult result = h.run(ReleaseHarness.request("checkout", "cohorts"));

    assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
    assertThat(h.actions("checkout"))
        .containsSubsequence(
            "set-weight 5% and cohorts [internal_test, friendly_gp]", "route-all-to-stable");
  }
}
