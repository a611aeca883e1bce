package io.rollwright.workflow;

import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.RequestCheck;
import io.rollwright.api.TrainWorkflow;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.Violation;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may pause, resume or abort a train, and when (its gates decide who approves). Pure. A train's
 * control acts on every release it runs, and an abort rolls back those it promoted: its sender
 * needs, for every service of the train, the role the same control needs on that service's release
 * ({@link Permissions#controlRefusal}).
 */
final class TrainControls {
  private static final Set<Action> TAKEN = EnumSet.copyOf(TrainWorkflow.CONTROLS);

  /** Rules that check everything but roles: a train's before it has resolved them. */
  static final TrainControls ROLES_UNKNOWN = new TrainControls(Map.of());

  private final Map<String, Permissions> byService;

  /**
   * {@code byService}: each service's permissions, in the train's order; empty for a train started
   * before roles were checked (it takes any signed control, as it did).
   */
  TrainControls(Map<String, Permissions> byService) {
    this.byService = new LinkedHashMap<>(byService);
  }

  /** Why a train refuses a control: the reason, and whether its sender lacks a role. */
  record Refusal(String why, boolean forbidden) {}

  /**
   * Why the train refuses {@code c}, or null. {@code closed}: why the train takes no such control
   * now (it has ended, it is stopping, it is already paused), or null.
   */
  Refusal refusal(ControlCommand c, String closed) {
    if (c == null || c.action() == null || !TAKEN.contains(c.action())) {
      return new Refusal(
          "a train takes pause, resume, abort, and approve and reject at its gates; promote its"
              + " releases under their own IDs (<service>@<environment>)",
          false);
    }
    List<Violation> broken = RequestCheck.control(c);
    if (!broken.isEmpty()) {
      return new Refusal(new InvalidReleaseException(broken).getMessage(), false);
    }
    Denial certain = CertainRefusals.of(c, closed, null, null);
    if (certain != null) {
      return new Refusal(certain.to(c.actor()), false);
    }
    String role = roleRefusal(c);
    return role == null ? null : new Refusal(role, true);
  }

  /** Why {@code c}'s sender lacks, for one of the train's services, the role {@code c} needs. */
  private String roleRefusal(ControlCommand c) {
    for (Permissions service : byService.values()) {
      String refused = service.controlRefusal(c);
      if (refused != null) {
        return refused + "; a train's " + c.action().command() + " needs it for every service";
      }
    }
    return null;
  }
}
