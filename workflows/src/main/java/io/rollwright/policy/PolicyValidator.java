package io.rollwright.policy;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules a completed policy must meet. Pure: the routers, metric providers and pre-flight checks
 * the worker has are passed in by name with the rules of their own settings, so an unknown name or
 * a setting its extension cannot use fails here, loudly.
 */
public final class PolicyValidator {
  static final Duration MAX_SOAK = Duration.ofDays(30);

  /** The extensions a worker offers, by name, each with the rules of its own settings. */
  public record Known(
      Map<String, SettingsRules<ReleasePolicy>> routers,
      Map<String, SettingsRules<AnalysisCheck>> providers,
      Map<String, SettingsRules<PreflightSettings>> preflightChecks) {
    public Known {
      routers = Map.copyOf(routers);
      providers = Map.copyOf(providers);
      preflightChecks = Map.copyOf(preflightChecks);
    }

    /** Extensions known by name only, none with rules of its own. */
    public static Known names(
        Set<String> routers, Set<String> providers, Set<String> preflightChecks) {
      return new Known(noRules(routers), noRules(providers), noRules(preflightChecks));
    }

    /** Each of {@code names} with no rules of its own. */
    public static <T> Map<String, SettingsRules<T>> noRules(Set<String> names) {
      return names.stream()
          .collect(Collectors.toMap(Function.identity(), n -> SettingsRules.none()));
    }
  }

  private final Known known;

  public PolicyValidator(Known known) {
    this.known = known;
  }

  /** Every rule the policy breaks for a canary release; empty when it can run. */
  public List<Violation> check(ReleasePolicy p) {
    return check(p, Strategy.CANARY);
  }

  /**
   * Every rule the policy breaks for a release by {@code strategy}; empty when it can run. A {@code
   * direct} release runs no stages, so its policy may have none.
   */
  public List<Violation> check(ReleasePolicy p, Strategy strategy) {
    Violations v = new Violations();
    v.optional("policy.name", p.name(), Limits.NAME);
    if (v.oneOf("policy.router", p.router(), known.routers().keySet(), "traffic router")) {
      known.routers().get(p.router()).check("policy", p, v);
    }
    analysis(v, p.analysis());
    for (int i = 0; i < p.preflight().size(); i++) {
      preflight(v, "policy.preflight[" + i + "]", p.preflight().get(i));
    }
    SettingsRules<AnalysisCheck> queries =
        known.providers().getOrDefault(p.analysis().provider(), SettingsRules.none());
    Set<String> shared = new HashSet<>();
    for (int i = 0; i < p.checks().size(); i++) {
      check(v, "policy.checks[" + i + "]", p.checks().get(i), shared, queries);
    }
    groups(v, p);
    (p.roles() == null ? Roles.UNDECLARED : p.roles()).check(v, p.groups());
    stages(v, p, strategy, queries);
    bake(v, p, queries);
    Duration rollback = p.rollbackTimeout();
    if (rollback.compareTo(Duration.ofMinutes(1)) < 0
        || rollback.compareTo(Duration.ofDays(1)) > 0) {
      v.add(
          "policy.rollbackTimeout",
          "must be between 1m and 1d (got " + DurationText.format(rollback) + ")");
    }
    if (p.pageAfter() != null) {
      p.pageAfter().check(v);
    }
    if (p.types() != null) {
      p.types().keySet().forEach(name -> v.name("policy.types", name));
    }
    if (p.defaultType() != null && !p.typeNames().contains(p.defaultType())) {
      v.add(
          "policy.defaultType",
          "'"
              + p.defaultType()
              + "' is not one of its types ("
              + String.join(", ", p.typeNames())
              + ")");
    }
    if (p.calendar() != null) {
      CalendarRule.check("policy.calendar", p.calendar(), v);
    }
    if (p.undo() != null) {
      p.undo().check(v);
    }
    return v.list();
  }

  /** Throws {@link InvalidReleaseException} naming every broken rule for a canary release. */
  public void require(ReleasePolicy p) {
    require(p, Strategy.CANARY);
  }

  /**
   * Throws {@link InvalidReleaseException} naming every broken rule for a release by {@code
   * strategy}.
   */
  public void require(ReleasePolicy p, Strategy strategy) {
    List<Violation> found = check(p, strategy);
    if (!found.isEmpty()) {
      throw new InvalidReleaseException(found);
    }
  }

  private void analysis(Violations v, AnalysisSettings a) {
    v.oneOf(
        "policy.analysis.provider", a.provider(), known.providers().keySet(), "metric provider");
    v.between("policy.analysis.interval", a.interval(), Duration.ofSeconds(1), Duration.ofHours(1));
    v.within("policy.analysis.minRequests", a.minRequests(), 0, 1e9, "");
    v.within("policy.analysis.inconclusiveAfter", a.inconclusiveAfter(), 1, 1000, " samples");
  }

  /** Checks asked during a soak or the bake: pre-flight kinds, each with its own settings. */
  private void during(Violations v, String field, List<PreflightSettings> checks) {
    for (int j = 0; j < checks.size(); j++) {
      preflight(v, field + "[" + j + "]", checks.get(j));
    }
  }

  private void preflight(Violations v, String field, PreflightSettings c) {
    if (c == null) {
      v.add(field, "must not be empty");
      return;
    }
    if (v.oneOf(
        field + ".check", c.check(), known.preflightChecks().keySet(), "pre-flight check")) {
      known.preflightChecks().get(c.check()).check(field, c, v);
    }
  }

  private static void groups(Violations v, ReleasePolicy p) {
    p.groups()
        .forEach(
            (group, members) -> {
              v.name("policy.groups." + group, group);
              if (members == null) return;
              for (int i = 0; i < members.size(); i++)
                v.identity("policy.groups." + group + "[" + i + "]", members.get(i), true);
            });
  }

  private void stages(
      Violations v, ReleasePolicy p, Strategy strategy, SettingsRules<AnalysisCheck> queries) {
    List<Stage> stages = p.stages();
    if (stages == null || stages.isEmpty()) {
      if (strategy != Strategy.DIRECT) {
        v.add("policy.stages", "must list at least one stage");
      }
      return;
    }
    if (stages.size() > Limits.STAGES) {
      v.add("policy.stages", stages.size() + " stages, at most " + Limits.STAGES);
    }
    StageCohorts.check(v, stages);
    Map<String, Integer> named = new HashMap<>();
    double previous = 0;
    for (int i = 0; i < stages.size(); i++) {
      String field = "policy.stages[" + i + "]";
      Stage s = stages.get(i);
      if (s == null) {
        v.add(field, "must not be empty");
        continue;
      }
      boolean namedByWeight = s.weight() != null && Stage.weightText(s.weight()).equals(s.name());
      if (v.optional(field + ".name", s.name(), Limits.NAME)
          && s.name() != null
          && !namedByWeight) {
        Integer first = named.putIfAbsent(s.name(), i);
        if (first != null) {
          v.add(
              field + ".name",
              "'"
                  + s.name()
                  + "' is already the name of stages["
                  + first
                  + "] (stage names are unique)");
        }
        if (p.bake() != null && s.name().equals(Bake.STAGE)) {
          v.add(
              field + ".name",
              "'" + Bake.STAGE + "' is reserved for the bake when the policy sets one");
        }
        if (s.name().equals(Roles.CONFIRMATION)) {
          v.add(
              field + ".name",
              "'"
                  + Roles.CONFIRMATION
                  + "' is reserved for the confirmation of a break-glass release");
        }
      }
      if (s.weight() == null) {
        v.add(field + ".weight", "is required (percent of traffic to the canary, in (0, 100])");
      } else if (!v.finite(field + ".weight", s.weight())) {
        // NaN or Infinity: reported; the next stage is compared with the last finite weight
      } else if (!(s.weight() > 0 && s.weight() <= 100)) {
        v.add(field + ".weight", "must be in (0, 100] (got " + Violations.plain(s.weight()) + ")");
      } else if (s.weight() <= previous) {
        v.add(
            field + ".weight",
            "must be greater than the previous stage's "
                + Violations.plain(previous)
                + " (weights strictly increase)");
      } else {
        previous = s.weight();
      }
      if (s.soak() == null) {
        v.add(field + ".soak", "is required (e.g. 30m; 0s for none)");
      } else {
        v.between(field + ".soak", s.soak(), Duration.ZERO, MAX_SOAK);
      }
      checks(v, field, s, p, queries);
      GateRules.check(v, field + ".gate", s.gate(), p.groups());
      for (int j = 0; j < s.before().size(); j++) {
        preflight(v, field + ".before[" + j + "]", s.before().get(j));
      }
      during(v, field + ".during", s.during());
    }
  }

  /**
   * The bake: a duration, and checks of its own, none against the baseline, or those of the last
   * stage's that need none (judged there already); every check's sustained window must fit in the
   * bake.
   */
  private void bake(Violations v, ReleasePolicy p, SettingsRules<AnalysisCheck> queries) {
    Bake b = p.bake();
    if (b == null) {
      return;
    }
    if (b.duration() == null) {
      v.add("policy.bake.duration", "is required (e.g. 1h; leave out bake for none)");
      return;
    }
    v.between("policy.bake.duration", b.duration(), Duration.ofSeconds(1), MAX_SOAK);
    during(v, "policy.bake.during", b.during());
    List<Stage> stages = p.stages();
    Stage last = stages == null || stages.isEmpty() ? null : stages.get(stages.size() - 1);
    List<AnalysisCheck> lastChecks = last == null ? List.of() : last.checks();
    for (int i = 0; i < b.checks().size(); i++) {
      AnalysisCheck c = b.checks().get(i);
      if (c != null && c.needsBaseline()) {
        v.add(
            "policy.bake.checks["
                + i
                + "]."
                + (c.mannWhitney() != null ? "mannWhitney" : "maxVsBaseline"),
            "compares with the previous version, which serves no traffic while the new one"
                + " bakes: use max or min");
      }
    }
    if (!lastChecks.containsAll(b.checks())) {
      checks(v, "policy.bake.checks", false, b.stage(), queries);
      return;
    }
    if (b.checks().isEmpty() && !lastChecks.isEmpty()) {
      v.add(
          "policy.bake.checks",
          "are required: every check of the last stage compares with the previous version, which"
              + " serves no traffic while the new one bakes (give the bake checks with max or min)");
    }
    for (AnalysisCheck c : b.checks()) {
      if (c != null && c.sustained().compareTo(b.duration()) > 0) {
        v.add(
            "policy.bake.duration",
            "("
                + DurationText.format(b.duration())
                + ") is shorter than the for ("
                + DurationText.format(c.sustained())
                + ") of check "
                + c.name()
                + ", which the bake runs from the last stage: the check could never fail");
      }
    }
  }

  /**
   * A stage's checks. Those it inherits from the policy (the same list, as {@link
   * ReleasePolicy#completed} hands it on) are reported where they are written, {@code
   * policy.checks}, and only for what depends on the stage.
   */
  private static void checks(
      Violations v,
      String stageField,
      Stage s,
      ReleasePolicy p,
      SettingsRules<AnalysisCheck> queries) {
    boolean inherited = s.checks() == p.checks();
    checks(v, inherited ? "policy.checks" : stageField + ".checks", inherited, s, queries);
  }

  /**
   * The checks {@code s} runs, written at {@code field}: each on its own unless {@code inherited}
   * (it was judged where it is written), and each against the stage's soak.
   */
  private static void checks(
      Violations v,
      String field,
      boolean inherited,
      Stage s,
      SettingsRules<AnalysisCheck> queries) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < s.checks().size(); i++) {
      AnalysisCheck c = s.checks().get(i);
      if (!inherited && !check(v, field + "[" + i + "]", c, names, queries)) {
        continue;
      }
      if (c != null
          && s.soak() != null
          && !s.soak().isZero()
          && c.sustained().compareTo(s.soak()) > 0) {
        v.add(
            field + "[" + i + "].for",
            "("
                + DurationText.format(c.sustained())
                + ") is longer than the soak of stage "
                + s.name()
                + " ("
                + DurationText.format(s.soak())
                + "): the check could never fail");
      }
    }
  }

  /**
   * The rules of one check on its own and its metric provider's; false when it is too broken to
   * judge further.
   */
  private static boolean check(
      Violations v,
      String field,
      AnalysisCheck c,
      Set<String> names,
      SettingsRules<AnalysisCheck> queries) {
    if (c == null) {
      v.add(field, "must not be empty");
      return false;
    }
    if (!names.add(String.valueOf(c.name()))) {
      v.add(field + ".name", "'" + c.name() + "' is used twice in this stage");
    }
    if (c.query() != null) {
      v.name(field + ".metric", c.metric());
      if (!v.requiredText(field + ".query", c.query(), Limits.QUERY)) {
        return false;
      }
    } else if (c.metric() == null || Metric.byId(c.metric()).isEmpty()) {
      v.add(
          field + ".metric",
          (c.metric() == null ? "is required" : "'" + c.metric() + "' is not a known metric")
              + " (known: "
              + Metric.known()
              + "; or give a custom query)");
      return false;
    }
    int limits =
        (c.max() != null ? 1 : 0)
            + (c.min() != null ? 1 : 0)
            + (c.maxVsBaseline() != null ? 1 : 0)
            + (c.mannWhitney() != null ? 1 : 0);
    if (limits != 1) {
      v.add(
          field,
          "must set exactly one of max, min, maxVsBaseline or mannWhitney (got " + limits + ")");
      return false;
    }
    Metric.Unit unit = Metric.unitOf(c.metric(), c.query());
    switch (c.comparison()) {
      case MAX_VS_BASELINE ->
          v.within(field + ".maxVsBaseline", c.limit(), 0.01, 1000, "× baseline");
      case MANN_WHITNEY ->
          v.within(field + ".mannWhitney", c.limit(), 0.0001, 0.5, " (a significance level)");
      case MAX -> v.within(field + ".max", c.limit(), unit.lowest, unit.highest, "");
      case MIN -> v.within(field + ".min", c.limit(), unit.lowest, unit.highest, "");
    }
    if (c.sustained().isNegative()) {
      v.add(field + ".for", "must not be negative");
      return false;
    }
    queries.check(field, c, v);
    return true;
  }
}
