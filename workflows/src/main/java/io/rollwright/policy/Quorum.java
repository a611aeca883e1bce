package io.rollwright.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The quorum of an approval gate: {@code required} different approvers and, for each group named in
 * {@code fromEach}, at least one approver from that group. A person counts once: one who is in two
 * of those groups stands for one of them, never both. Pure.
 */
public final class Quorum {
  private final int required;
  private final Map<String, Set<String>> fromEach = new LinkedHashMap<>();

  private Quorum(int required, Map<String, Set<String>> fromEach) {
    this.required = required;
    this.fromEach.putAll(fromEach);
  }

  /** The quorum of {@code gate}, its groups' members taken from {@code groups}. */
  public static Quorum of(Gate gate, Map<String, List<String>> groups) {
    Map<String, Set<String>> each = new LinkedHashMap<>();
    for (String group : gate.fromEach()) {
      each.put(group, Set.copyOf(groups.getOrDefault(group, List.of())));
    }
    return new Quorum(gate.required() == null ? 0 : gate.required(), each);
  }

  /** Whether {@code approvedBy} (different people) meet this quorum. */
  public boolean met(List<String> approvedBy) {
    return approvedBy.size() >= required && uncovered(approvedBy).isEmpty();
  }

  /**
   * The groups of {@code fromEach} that {@code approvedBy} leave without an approver of their own,
   * in the policy's order, when each approver stands for at most one group and as many groups as
   * possible are covered.
   */
  public List<String> uncovered(List<String> approvedBy) {
    Map<String, String> groupOf = new HashMap<>();
    List<String> uncovered = new ArrayList<>();
    for (String group : fromEach.keySet()) {
      if (!cover(group, approvedBy, groupOf, new HashSet<>())) {
        uncovered.add(group);
      }
    }
    return uncovered;
  }

  /**
   * Finds an approver for {@code group}, moving one already standing for another group to a third
   * where that frees one (an augmenting path).
   */
  private boolean cover(
      String group, List<String> approvedBy, Map<String, String> groupOf, Set<String> tried) {
    for (String person : approvedBy) {
      if (!fromEach.get(group).contains(person) || !tried.add(person)) {
        continue;
      }
      String held = groupOf.get(person);
      if (held == null || cover(held, approvedBy, groupOf, tried)) {
        groupOf.put(person, group);
        return true;
      }
    }
    return false;
  }

  /**
   * What {@code approvedBy} still lack, as people read it ("needs 1 from sre-oncall", "needs 1 more
   * approval"), or null once the quorum is met.
   */
  public String missing(List<String> approvedBy) {
    List<String> uncovered = uncovered(approvedBy);
    int more = Math.max(0, required - approvedBy.size() - uncovered.size());
    if (uncovered.isEmpty() && more == 0) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    uncovered.forEach(g -> parts.add("1 from " + g));
    if (more > 0) {
      parts.add(
          String.format(
              Locale.ROOT,
              uncovered.isEmpty() ? "%d more approval%s" : "%d more%s",
              more,
              uncovered.isEmpty() && more > 1 ? "s" : ""));
    }
    return "needs " + String.join(" and ", parts);
  }
}
