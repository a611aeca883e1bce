package io.rollwright.api;

import java.util.List;

/**
 * An open approval gate: how many approvals it needs, from whom, the groups that each need one of
 * their own ({@code fromEach}), who has approved, what is still missing ("needs 1 from sre-oncall",
 * null once met), and its deadline.
 */
public record GateStatus(
    String stage,
    int required,
    List<String> allowed,
    List<String> approvedBy,
    long deadlineMillis,
    List<String> fromEach,
    String missing) {
  public GateStatus {
    fromEach = fromEach == null ? List.of() : List.copyOf(fromEach);
  }
}
