package io.rollwright.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Who may do what to a service's releases, declared with the service's own policy (or the worker's
 * default policy). {@code requesters} may start a release and {@code operators} may pause, resume,
 * abort and end a soak; a role left out is open to anyone. {@code breakGlass} may skip the process:
 * the {@code direct} strategy, {@code promote --full}, or a policy other than the service's own. A
 * role left out holds nobody, so break-glass is refused until someone is named. Break-glass takes a
 * second holder's confirmation (never the requester) within {@code confirmWithin}, unless {@code
 * soloBreakGlass} is true. Approvers stay with each gate.
 */
public record Roles(
    Role requesters,
    Role operators,
    Role breakGlass,
    Boolean soloBreakGlass,
    @DurationField Duration confirmWithin) {

  /** How long a break-glass start waits for its second person when the policy does not say. */
  public static final Duration DEFAULT_CONFIRM_WITHIN = Duration.ofHours(1);

  /** The gate a break-glass release waits at for its second person; no stage may take the name. */
  public static final String CONFIRMATION = "break-glass";

  /** People and groups one role may list. */
  public static final int MAX_ENTRIES = 200;

  /**
   * The roles of a policy that declares none: anyone requests and operates, nobody breaks glass.
   */
  public static final Roles UNDECLARED = new Roles(null, null, null, null, null);

  public Roles {
    soloBreakGlass = Boolean.TRUE.equals(soloBreakGlass);
    confirmWithin = confirmWithin == null ? DEFAULT_CONFIRM_WITHIN : confirmWithin;
  }

  /** Whether the policy declared any role; only then is choosing another policy break-glass. */
  @JsonIgnore
  public boolean declared() {
    return requesters != null || operators != null || breakGlass != null;
  }

  /**
   * These roles with every group replaced by its members in {@code members}: the service's own
   * groups, so a policy chosen over the service's cannot change who holds a role.
   */
  public Roles expanded(Map<String, List<String>> members) {
    return new Roles(
        expand(requesters, members),
        expand(operators, members),
        expand(breakGlass, members),
        soloBreakGlass,
        confirmWithin);
  }

  private static Role expand(Role role, Map<String, List<String>> members) {
    return role == null ? null : new Role(List.copyOf(role.holders(members)), List.of());
  }

  /** Every rule these roles break, their groups looked up in {@code members}. */
  public List<Violation> check(Map<String, List<String>> members) {
    Violations v = new Violations();
    check(v, members);
    return v.list();
  }

  void check(Violations v, Map<String, List<String>> members) {
    if (requesters != null) requesters.check(v, "policy.roles.requesters", members);
    if (operators != null) operators.check(v, "policy.roles.operators", members);
    if (breakGlass != null) breakGlass.check(v, "policy.roles.breakGlass", members);
    if (confirmWithin.compareTo(Duration.ofMinutes(1)) < 0
        || confirmWithin.compareTo(Duration.ofDays(1)) > 0) {
      v.add(
          "policy.roles.confirmWithin",
          "must be between 1m and 1d (got " + DurationText.format(confirmWithin) + ")");
    }
  }
}
