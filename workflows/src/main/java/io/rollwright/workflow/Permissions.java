package io.rollwright.workflow;

import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.Gate;
import io.rollwright.policy.GateType;
import io.rollwright.policy.Role;
import io.rollwright.policy.Roles;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.TimeoutAction;
import java.util.List;

/**
 * Who may do what to one release, by the roles of its service. Pure. Every refusal names who lacks
 * which role and who holds it. Approvals and rejections are the gates' business ({@link
 * ApprovalTally}); this covers starting, operating and breaking glass. The release asks it before
 * anything runs, and {@code rollwright validate} asks it the same.
 */
public final class Permissions {
  private static final String UNNAMED =
      "nobody holds it: name its holders in roles.breakGlass of the service's policy";

  private final Roles roles;
  private final String releaseId;
  private final String requester;
  private final String breakGlass;
  private final String train;

  /**
   * {@code roles}: the release's roles, their groups already replaced by their members; {@code
   * breakGlass}: what breaking glass its start asks for ({@link #breakGlassAsked}), or null.
   */
  public Permissions(Roles roles, String releaseId, String requester, String breakGlass) {
    this(roles, releaseId, requester, breakGlass, null);
  }

  private Permissions(
      Roles roles, String releaseId, String requester, String breakGlass, String train) {
    this.roles = roles;
    this.releaseId = releaseId;
    this.requester = requester;
    this.breakGlass = breakGlass;
    this.train = train;
  }

  /**
   * These permissions for a release the train {@code trainId} started (null: none): the train may
   * pause, resume and abort it in its own name, as it does when one of its releases fails (its
   * people's controls were checked by the train against every service's roles). With {@code
   * compensation}, the release is the train putting back what it promoted: no break-glass.
   */
  Permissions startedBy(String trainId, boolean compensation) {
    return new Permissions(roles, releaseId, requester, compensation ? null : breakGlass, trainId);
  }

  /**
   * The permissions of a resolved release: its roles, its requester, and the breaking glass its
   * start asks for.
   */
  public static Permissions of(ResolvedRelease release) {
    ReleaseRequest request = release.request();
    return new Permissions(
        release.policy().roles(),
        request.releaseId(),
        request.requestedBy(),
        typeBreakingGlass(
            release, breakGlassAsked(request, release.policy().roles(), release.override())));
  }

  /**
   * What a start asks for when its release type passes deploy freezes (break-glass, like a direct
   * release), unless it already breaks glass otherwise.
   */
  private static String typeBreakingGlass(ResolvedRelease release, String asked) {
    String type = release.request().type();
    return asked == null && type != null && release.policy().type(type).passesFreezes()
        ? "a " + type + " release, which passes deploy freezes"
        : asked;
  }

  /** What breaking glass a start asks for ({@code direct}, another policy), or null when none. */
  public static String breakGlassAsked(Strategy strategy, String override) {
    if (strategy == Strategy.DIRECT) {
      return "a direct release (skipping stages and analysis)";
    }
    return override == null ? null : "an override: " + override;
  }

  /**
   * What breaking glass {@code request} asks for under {@code roles}. A rollback skips the stages:
   * it is break-glass wherever the service declares roles, and a forced one (to a version never
   * promoted there) always is. Where no role is declared anyone may roll back, as anyone may abort.
   */
  static String breakGlassAsked(ReleaseRequest request, Roles roles, String override) {
    if (request.strategy() != Strategy.ROLLBACK) {
      return breakGlassAsked(request.strategy(), override);
    }
    if (request.forced()) {
      return "a forced rollback to "
          + request.version()
          + ", never promoted to "
          + request.environment();
    }
    return roles.declared()
        ? "a rollback to "
            + (request.version() == null
                ? "the version promoted before the current one"
                : request.version())
            + " (straight to 100%)"
        : override == null ? null : "an override: " + override;
  }

  /** What breaking glass the start asks for, or null when none. */
  public String breakGlass() {
    return breakGlass;
  }

  /** Why the requester may not start the release as asked, or null. */
  public String startRefusal() {
    if (!holds(roles.requesters(), requester)) {
      return requester
          + " may not start a release of "
          + releaseId
          + ": that needs the requesters role (held by "
          + roles.requesters().describe()
          + ")";
    }
    String refusal =
        breakGlass == null
            ? null
            : breakGlassRefusal(requester, "start " + breakGlass + " of " + releaseId);
    if (refusal == null
        && confirmation() != null
        && confirmation().approvers().stream().allMatch(requester::equals)) {
      return requester
          + " may not start "
          + breakGlass
          + " of "
          + releaseId
          + ": it needs a second holder of the breakGlass role"
          + " to confirm, and there is none besides "
          + requester
          + " (or set roles.soloBreakGlass)";
    }
    return refusal;
  }

  /**
   * Why {@code c}'s actor lacks the role its action needs, or null (approvals and rejections: the
   * gates decide; alerts: their door authenticated the sender).
   */
  String controlRefusal(ControlCommand c) {
    String actor = c.actor();
    return switch (c.action()) {
      case APPROVE, REJECT, ALERT -> null;
      case PROMOTE_FULL -> breakGlassRefusal(actor, "promote " + releaseId + " in full");
      case PAUSE, RESUME, ABORT, PROMOTE ->
          holds(roles.operators(), actor) || (c.action() != Action.PROMOTE && actor.equals(train))
              ? null
              : actor
                  + " may not "
                  + verb(c.action())
                  + " "
                  + releaseId
                  + ": that needs the operators role (held by "
                  + roles.operators().describe()
                  + ")";
    };
  }

  /**
   * Why {@code actor} may not flip the kill switch of {@code scope} under these roles, or null:
   * operators and break-glass holders may.
   */
  public String killSwitchRefusal(String scope, String actor) {
    boolean breaksGlass = roles.breakGlass() != null && roles.breakGlass().people().contains(actor);
    return holds(roles.operators(), actor) || breaksGlass
        ? null
        : actor
            + " may not flip the kill switch "
            + scope
            + ": that needs the operators role (held by "
            + roles.operators().describe()
            + ") or breakGlass";
  }

  /** Whether one break-glass holder suffices; else a second one must confirm. */
  boolean solo() {
    return roles.soloBreakGlass();
  }

  /** Why {@code second} cannot be the second person of what {@code first} asked for, or null. */
  String secondPersonRefusal(String first, String second) {
    if (second.equals(first)) {
      return second + " already asked for it; a second holder of the breakGlass role must confirm";
    }
    return second.equals(requester)
        ? second + " requested this release and cannot be its second person"
        : null;
  }

  /**
   * The gate the start waits at before anything is deployed, or null when it breaks no glass or one
   * holder suffices: one confirmation by another holder, within {@code confirmWithin}.
   */
  public Gate confirmation() {
    if (breakGlass == null || solo()) {
      return null;
    }
    List<String> holders = roles.breakGlass() == null ? List.of() : roles.breakGlass().people();
    return new Gate(
        GateType.APPROVAL,
        1,
        holders,
        List.of(),
        List.of(),
        roles.confirmWithin(),
        TimeoutAction.REJECT);
  }

  private String breakGlassRefusal(String actor, String what) {
    Role holders = roles.breakGlass();
    if (holders == null) {
      return actor + " may not " + what + ": that needs the breakGlass role, and " + UNNAMED;
    }
    return holders.people().contains(actor)
        ? null
        : actor
            + " may not "
            + what
            + ": that needs the breakGlass role (held by "
            + holders.describe()
            + ")";
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
