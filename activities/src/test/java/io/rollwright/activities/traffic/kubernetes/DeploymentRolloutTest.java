package io.rollwright.activities.traffic.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/** When a Deployment counts as rolled out: every pod updated and available, and no old pod left. */
class DeploymentRolloutTest {
  private static Deployment status(int replicas, int updated, int available) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("api")
        .withGeneration(2L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(4)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(2L)
        .withReplicas(replicas)
        .withUpdatedReplicas(updated)
        .withAvailableReplicas(available)
        .endStatus()
        .build();
  }

  @Test
  void allUpdatedAndAvailableIsRolledOut() {
    assertNull(DeploymentRollout.notAvailable(status(4, 4, 4)));
  }

  @Test
  void anOldPodStillCountedAsAvailableIsNotRolledOut() {
    // mid-roll: four new pods exist, three ready; the last old pod makes the available count four
    assertEquals(
        "1 old replica(s) still running beside 4 updated",
        DeploymentRollout.notAvailable(status(5, 4, 4)));
  }

  @Test
  void fewerAvailableThanWantedIsNotRolledOut() {
    assertEquals(
        "4/4 replicas updated, 3/4 available", DeploymentRollout.notAvailable(status(4, 4, 3)));
  }
}
