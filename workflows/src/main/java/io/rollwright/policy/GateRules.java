package io.rollwright.policy;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules of a gate: its type, timeout, approvers and a quorum they can meet. */
public final class GateRules {
  private GateRules() {}

  /**
   * Checks {@code g}, at {@code field}, against the approver groups {@code groups}; with {@code
   * groups} null (not known yet) it checks everything the groups do not decide.
   */
  public static void check(Violations v, String field, Gate g, Map<String, List<String>> groups) {
    if (g.type() == null) {
      v.add(field + ".type", "is required: auto or approval");
      return;
    }
    if (!g.needsApproval()) {
      return;
    }
    if (g.timeout() == null) {
      v.add(field + ".timeout", "is required for an approval gate (e.g. 2h)");
    } else {
      v.between(field + ".timeout", g.timeout(), Duration.ofSeconds(1), PolicyValidator.MAX_SOAK);
    }
    for (int i = 0; i < g.approvers().size(); i++) {
      v.identity(field + ".approvers[" + i + "]", g.approvers().get(i), true);
    }
    boolean noQuorum = g.required() == null || g.required() < 1;
    if (noQuorum) {
      v.add(field + ".required", "must be at least 1 for an approval gate");
    }
    if (groups == null) {
      return;
    }
    Set<String> allowed = new LinkedHashSet<>(g.approvers());
    allowed.addAll(members(v, field + ".groups", g.groups(), groups));
    allowed.addAll(members(v, field + ".fromEach", g.fromEach(), groups));
    List<String> uncovered = Quorum.of(g, groups).uncovered(List.copyOf(allowed));
    if (noQuorum) {
      return;
    }
    if (g.required() < g.fromEach().size()) {
      v.add(
          field + ".required",
          g.required()
              + " is fewer than the "
              + g.fromEach().size()
              + " groups of fromEach, each of which needs an approver of its own");
    } else if (!uncovered.isEmpty() && groups.keySet().containsAll(g.fromEach())) {
      v.add(
          field + ".fromEach",
          "no set of different people covers every group: "
              + String.join(", ", uncovered)
              + " would have no approver of its own — add members");
    } else if (g.required() > allowed.size()) {
      v.add(
          field + ".required",
          g.required()
              + " approvals required but only "
              + allowed.size()
              + " allowed approver(s) "
              + allowed
              + " — add approvers or group members");
    }
  }

  /** The members of the groups {@code named}, each of which {@code groups} must define. */
  private static Set<String> members(
      Violations v, String field, List<String> named, Map<String, List<String>> groups) {
    Set<String> members = new LinkedHashSet<>();
    for (String group : named) {
      List<String> names = groups.get(group);
      if (names == null) {
        v.add(field, "names group '" + group + "' which the policy's groups do not define");
      } else {
        members.addAll(names);
      }
    }
    return members;
  }
}
