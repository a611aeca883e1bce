package io.rollwright.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who holds one role of a service's releases: people by identity, and the members of the policy's
 * groups.
 */
public record Role(List<String> people, List<String> groups) {
  /** Holders listed when a refusal names them; more are summarised. */
  static final int SHOWN = 10;

  public Role {
    people = people == null ? List.of() : List.copyOf(people);
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  /**
   * Everyone who holds the role: its people and the members of its groups, in the policy's order.
   */
  public Set<String> holders(Map<String, List<String>> members) {
    Set<String> names = new LinkedHashSet<>(people);
    groups.forEach(group -> names.addAll(members.getOrDefault(group, List.of())));
    return names;
  }

  /**
   * The people of an expanded role as a refusal names them: at most {@link #SHOWN}, then how many
   * more.
   */
  public String describe() {
    List<String> names = people;
    if (names.isEmpty()) {
      return "nobody";
    }
    String shown = String.join(", ", names.subList(0, Math.min(SHOWN, names.size())));
    return names.size() > SHOWN ? shown + " and " + (names.size() - SHOWN) + " more" : shown;
  }

  void check(Violations v, String field, Map<String, List<String>> members) {
    if (people.size() + groups.size() > Roles.MAX_ENTRIES) {
      v.add(field, people.size() + groups.size() + " entries, at most " + Roles.MAX_ENTRIES);
      return;
    }
    for (int i = 0; i < people.size(); i++) {
      v.identity(field + ".people[" + i + "]", people.get(i), true);
    }
    for (int i = 0; i < groups.size(); i++) {
      if (!members.containsKey(groups.get(i))) {
        v.add(
            field + ".groups[" + i + "]",
            "names group '" + groups.get(i) + "' which the policy's groups do not define");
      }
    }
  }
}
