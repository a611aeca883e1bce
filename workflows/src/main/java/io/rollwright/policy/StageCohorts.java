package io.rollwright.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of the stages' cohorts: a cohort is a header value (letters, digits, {@code _}, {@code
 * -}, {@code .}; at most 63), a cohort is named by one stage only, since it stays on the canary
 * from that stage on, and a policy names at most {@link #MAX_COHORTS} (each is a route rule, and a
 * Gateway API HTTPRoute holds 16).
 */
final class StageCohorts {
  static final int MAX = 63;
  static final int MAX_COHORTS = 8;
  private static final Pattern COHORT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private StageCohorts() {}

  /** Adds to {@code v} what is wrong with the cohorts of {@code stages}. */
  static void check(Violations v, List<Stage> stages) {
    Map<String, Integer> seen = new HashMap<>();
    long named = stages.stream().filter(s -> s != null && s.cohort() != null).count();
    if (named > MAX_COHORTS) {
      v.add("policy.stages", named + " stages name a cohort, at most " + MAX_COHORTS);
    }
    for (int i = 0; i < stages.size(); i++) {
      String field = "policy.stages[" + i + "].cohort";
      String cohort = stages.get(i) == null ? null : stages.get(i).cohort();
      if (cohort == null || !v.optional(field, cohort, MAX)) {
        continue;
      }
      if (!COHORT.matcher(cohort).matches()) {
        v.add(
            field,
            "'"
                + cohort
                + "' is not a cohort (letters, digits, '_', '-' and '.', as a header value)");
        continue;
      }
      Integer first = seen.putIfAbsent(cohort, i);
      if (first != null) {
        v.add(
            field,
            "'"
                + cohort
                + "' is already the cohort of stages["
                + first
                + "] (a cohort stays on the canary once it is sent there)");
      }
    }
  }
}
