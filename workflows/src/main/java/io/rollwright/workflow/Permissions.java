package io.rollwright.workflow;

import io.rollwright.api.ControlCommand;
import io.rollwright.api.Strategy;
import io.rollwright.policy.Gate;
import io.rollwright.policy.GateType;
import io.rollwright.policy.Role;
import io.rollwright.policy.Roles;
import io.rollwright.policy.TimeoutAction;
import java.util.List;
import java.util.Map;

/**
 * Who may do what to one release, by the roles of its service. Pure. Every refusal names who
 * lacks which role and who holds it. Approvals and rejections are the gates' business
 * ({@link ApprovalTally}); this covers starting, operating and breaking glass. The release asks it
 * before anything runs, and {@code rollwright validate} asks it the same.
 */
public final class Permissions {
  private static final String UNNAMED = "nobody holds it: name its holders in roles.breakGlass of the service's policy";

  private final Roles roles;
  private final String releaseId;
  private final String requester;

  /** {@code roles}: the release's roles, their groups already replaced by their members. */
  public Permissions(Roles roles, String releaseId, String requester) {
    this.roles = roles;
    this.releaseId = releaseId;
    this.requester = requester;
  }

  /** What breaking glass the start asks for ({@code direct}, another policy), or null when none. */
  public static String breakGlassAsked(Strategy strategy, String override) {
    if (strategy == Strategy.DIRECT) {
      return "a direct release (skipping stages and analysis)";
    }
    return override == null ? null : "an override: " + override;
  }

  /** Why the requester may not start the release as asked, or null. */
  public String startRefusal(String breakGlass) {
    if (!holds(roles.requesters(), requester)) {
      return requester + " may not start a release of " + releaseId + ": that needs the requesters role (held by "
          + roles.requesters().describe(Map.of()) + ")";
    }
    String refusal = breakGlass == null ? null : breakGlassRefusal(requester, "start " + breakGlass + " of " + releaseId);
    if (refusal == null && breakGlass != null && !solo() && confirmation().approvers().stream().allMatch(requester::equals)) {
      return requester + " may not start " + breakGlass + " of " + releaseId + ": it needs a second holder of the breakGlass role"
          + " to confirm, and there is none besides " + requester + " (or set roles.soloBreakGlass)";
    }
    return refusal;
  }

  /** Why {@code c}'s actor lacks the role its action needs, or null (approvals and rejections: always null). */
  String controlRefusal(ControlCommand c) {
    String actor = c.actor();
    return switch (c.action()) {
      case APPROVE, REJECT -> null;
      case PROMOTE_FULL -> breakGlassRefusal(actor, "promote " + releaseId + " in full");
      case PAUSE, RESUME, ABORT, PROMOTE -> holds(roles.operators(), actor) ? null
          : actor + " may not " + verb(c.action()) + " " + releaseId + ": that needs the operators role (held by "
              + roles.operators().describe(Map.of()) + ")";
    };
  }

  /** Whether one break-glass holder suffices; else a second one must confirm. */
  public boolean solo() {
    return roles.soloBreakGlass();
  }

  /** Why {@code second} cannot be the second person of what {@code first} asked for, or null. */
  String secondPersonRefusal(String first, String second) {
    if (second.equals(first)) {
      return second + " already asked for it; a second holder of the breakGlass role must confirm";
    }
    return second.equals(requester) ? second + " requested this release and cannot be its second person" : null;
  }

  /** The gate a break-glass start waits at: one confirmation by another holder, within {@code confirmWithin}. */
  Gate confirmation() {
    List<String> holders = roles.breakGlass() == null ? List.of() : roles.breakGlass().people();
    return new Gate(GateType.APPROVAL, 1, holders, List.of(), roles.confirmWithin(), TimeoutAction.REJECT);
  }

  private String breakGlassRefusal(String actor, String what) {
    Role holders = roles.breakGlass();
    if (holders == null) {
      return actor + " may not " + what + ": that needs the breakGlass role, and " + UNNAMED;
    }
    return holders.people().contains(actor) ? null
        : actor + " may not " + what + ": that needs the breakGlass role (held by " + holders.describe(Map.of()) + ")";
  }

  /** A role left out is open to anyone. */
  private static boolean holds(Role role, String actor) {
    return role == null || role.people().contains(actor);
  }

  private static String verb(ControlCommand.Action action) {
    return switch (action) {
      case PROMOTE -> "end the soak of";
      default -> action.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
