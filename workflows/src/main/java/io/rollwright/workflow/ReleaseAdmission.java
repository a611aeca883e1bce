package io.rollwright.workflow;

import io.rollwright.api.ControlEvent;
import io.rollwright.api.ReleaseIds;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.RequestCheck;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.TrainRequest;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.Violation;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * What a release checks of its request before anything runs: its ID, its limits, its requester's
 * roles. A refusal is audited and ends the release at once, with no retry and no traffic action.
 */
final class ReleaseAdmission {
  private final ReleaseState state;

  ReleaseAdmission(ReleaseState state) {
    this.state = state;
  }

  /**
   * Refuses, before anything runs, a release under an ID other than its own: it would run beside
   * the release under that ID. Versioned so that one started before the check was added runs on.
   */
  void refuseTwin(ReleaseRequest request) {
    String why =
        ReleaseIds.misnamed(
            Workflow.getInfo().getWorkflowId(), request.service(), request.environment());
    if (why != null && Workflow.getVersion("canonical-id", Workflow.DEFAULT_VERSION, 1) == 1) {
      throw refusal(why);
    }
  }

  /** What ends the release before anything has run: audited here, final (no retry) when thrown. */
  ApplicationFailure refusal(String why) {
    state.record(new ControlEvent.Refused(state.now(), ReleaseState.SYSTEM, "request", why));
    return ApplicationFailure.newNonRetryableFailure(why, InvalidReleaseException.FAILURE_TYPE);
  }

  /**
   * The release's roles, checked against its requester before anything runs, with the train that
   * started it (if one did) allowed to operate it; null for a release started before roles (it runs
   * on as it did).
   */
  Permissions permissions(ResolvedRelease release) {
    if (Workflow.getVersion("roles", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return null;
    }
    String train =
        Workflow.getInfo()
            .getParentWorkflowId()
            .filter(id -> id.startsWith(TrainRequest.ID_PREFIX))
            .orElse(null);
    ReleaseRequest r = release.request();
    boolean compensation =
        train != null
            && r.strategy() == Strategy.ROLLBACK
            && !r.forced()
            && Workflow.getVersion("train-compensation", Workflow.DEFAULT_VERSION, 1) == 1;
    Permissions who = Permissions.of(release).startedBy(train, compensation);
    String refused = who.startRefusal();
    if (refused != null) {
      throw refusal(refused);
    }
    state.permissions(who);
    return who;
  }

  /**
   * The request's limits, checked here too so a start that bypassed the front doors (the Temporal
   * CLI) fails at once, before any activity. Versioned: releases started before this check replay
   * as they ran (a request valid then, e.g. a reason with a line break, may be invalid now).
   */
  void refuseIfInvalid(ReleaseRequest request) {
    if (Workflow.getVersion("request-limits", Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    List<Violation> found = RequestCheck.check(request);
    if (!found.isEmpty()) {
      throw refusal(new InvalidReleaseException(found).getMessage());
    }
  }
}
