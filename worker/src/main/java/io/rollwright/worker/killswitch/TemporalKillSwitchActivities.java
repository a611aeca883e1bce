package io.rollwright.worker.killswitch;

import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.api.KillSwitchActivities;
import io.rollwright.api.KillSwitchFlip;
import io.rollwright.api.ReleaseIds;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.workflow.Permissions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;

/**
 * Who may flip a kill switch (the operators or break-glass holders of the policy governing its
 * scope: the service's own, or for the global switch the default policy), and telling the running
 * releases it governs: a service's release by its ID, every running release for the global one.
 */
public final class TemporalKillSwitchActivities implements KillSwitchActivities {
  private final WorkflowClient client;
  private final PolicyActivitiesImpl policies;

  public TemporalKillSwitchActivities(WorkflowClient client, PolicyActivitiesImpl policies) {
    this.client = client;
    this.policies = policies;
  }

  @Override
  public String flipRefusal(String scope, String actor) {
    String service =
        KillSwitchFlip.GLOBAL.equals(scope) ? null : scope.substring(0, scope.indexOf('@'));
    return new Permissions(policies.rolesOf(service), scope, actor, null)
        .killSwitchRefusal(scope, actor);
  }

  @Override
  public int tellReleases(KillSwitchFlip flip) {
    List<String> releases =
        KillSwitchFlip.GLOBAL.equals(flip.scope())
            ? client
                .listExecutions(
                    "WorkflowType = '"
                        + ReleaseIds.WORKFLOW_TYPE
                        + "' AND ExecutionStatus = 'Running'")
                .map(w -> w.getExecution().getWorkflowId())
                .distinct()
                .toList()
            : List.of(flip.scope());
    int told = 0;
    for (String id : releases) {
      try {
        client.newWorkflowStub(ReleaseWorkflow.class, id).killSwitch(flip);
        told++;
      } catch (WorkflowNotFoundException e) {
        // not running: nothing to hold
      }
    }
    return told;
  }
}
