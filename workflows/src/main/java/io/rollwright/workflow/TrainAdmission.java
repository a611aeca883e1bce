package io.rollwright.workflow;

import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.TrainPlan;
import io.rollwright.api.TrainRequest;
import io.rollwright.policy.GateRules;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.Violations;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a train checks before anything starts, as each of its releases will: every release's policy
 * resolves, its requester holds each service's requesters role, and each gate's groups are its
 * service's. Runs in the train's workflow.
 */
final class TrainAdmission {
  private TrainAdmission() {}

  /**
   * Admits {@code train} or fails it naming the first release at fault; returns who may control it
   * and fills {@code groups} with each release's approver groups, by label. A train started before
   * these checks takes any signed control.
   */
  static TrainControls admit(
      TrainRequest train, TrainPlan plan, Map<String, Map<String, List<String>>> groups) {
    if (Workflow.getVersion("train-roles", Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return TrainControls.ROLES_UNKNOWN;
    }
    ReleaseSteps steps = new ReleaseSteps();
    Map<String, Promise<ResolvedRelease>> resolving = new LinkedHashMap<>();
    Map<String, TrainRequest.Release> byLabel = new LinkedHashMap<>();
    for (TrainRequest.Release r : plan.releases()) {
      byLabel.put(train.label(r), r);
      resolving.put(train.label(r), Async.function(steps::resolve, train.request(r)));
    }
    Map<String, Permissions> byService = new LinkedHashMap<>();
    for (Map.Entry<String, Promise<ResolvedRelease>> service : resolving.entrySet()) {
      Promise<ResolvedRelease> resolved = service.getValue();
      if (resolved.getFailure() != null) {
        throw TrainWorkflowImpl.refused(
            service.getKey() + ": " + Failures.describe(resolved.getFailure()));
      }
      Map<String, List<String>> policyGroups = resolved.get().policy().groups();
      checkGate(service.getKey(), byLabel.get(service.getKey()), policyGroups);
      groups.put(service.getKey(), policyGroups);
      Permissions who = Permissions.of(resolved.get());
      String refusal = who.startRefusal();
      if (refusal != null) {
        throw TrainWorkflowImpl.refused(refusal);
      }
      byService.put(service.getKey(), who);
    }
    return new TrainControls(byService);
  }

  /** Fails the train when the gate of {@code r} breaks a rule under its policy's groups. */
  private static void checkGate(
      String label, TrainRequest.Release r, Map<String, List<String>> policyGroups) {
    if (r.gate() != null) {
      Violations v = new Violations();
      GateRules.check(v, label + ".gate", r.gate(), policyGroups);
      if (!v.list().isEmpty()) {
        throw TrainWorkflowImpl.refused(new InvalidReleaseException(v.list()).getMessage());
      }
    }
  }
}
