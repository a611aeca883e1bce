package io.rollwright.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a service is released: pre-flight checks, then ordered canary stages, each with its traffic
 * weight, soak, analysis checks and gate. {@code groups} names the members of approver groups;
 * {@code roles} says who may start, operate and break glass (see {@link Roles}); {@code pageAfter}
 * when a stuck release pages on-call (see {@link PageAfter}); {@code bake} how long the new version
 * is watched at 100% before it is promoted (see {@link Bake}); {@code undo} how a rollback to an
 * earlier version runs (see {@link Undo}); {@code calendar} when its stages may start (see {@link
 * DeployCalendar}); {@code types} what each release type ({@link ReleaseType}) changes, and {@code
 * defaultType} the type of a request that names none; {@code onKillSwitch} what a kill switch
 * turned on does to a running release ({@code pause}, the default: held where it is; or {@code
 * rollback}); {@code routerSettings} what its router offers to choose per policy (for example
 * {@code onRollback: disable} for the {@code unleash} router), each router refusing names it does
 * not know. A policy may {@code extends} a preset and override any of its top-level fields.
 */
public record ReleasePolicy(
    String name,
    String description,
    @JsonProperty("extends") String parent,
    String router,
    AnalysisSettings analysis,
    List<PreflightSettings> preflight,
    List<AnalysisCheck> checks,
    List<Stage> stages,
    Map<String, List<String>> groups,
    Roles roles,
    @DurationField Duration rollbackTimeout,
    PageAfter pageAfter,
    Bake bake,
    Undo undo,
    DeployCalendar calendar,
    String defaultType,
    Map<String, ReleaseType> types,
    BreachAction onKillSwitch,
    Map<String, String> routerSettings) {

  public static final Duration DEFAULT_ROLLBACK_TIMEOUT = Duration.ofMinutes(30);

  /** The release types of a policy that names none; a release is a feature unless it says. */
  public static final List<String> DEFAULT_TYPES = List.of("hotfix", "feature", "major");

  public static final String DEFAULT_TYPE = "feature";

  public ReleasePolicy {
    Map<String, List<String>> members = new LinkedHashMap<>();
    if (groups != null) {
      groups.forEach(
          (group, names) -> members.put(group, names == null ? List.of() : List.copyOf(names)));
    }
    groups = Collections.unmodifiableMap(members);
    types = types == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(types));
    routerSettings =
        routerSettings == null
            ? null
            : Collections.unmodifiableMap(new LinkedHashMap<>(routerSettings));
  }

  public ReleasePolicy withName(String newName) {
    return new ReleasePolicy(
        newName,
        description,
        parent,
        router,
        analysis,
        preflight,
        checks,
        stages,
        groups,
        roles,
        rollbackTimeout,
        pageAfter,
        bake,
        undo,
        calendar,
        defaultType,
        types,
        onKillSwitch,
        routerSettings);
  }

  /**
   * This policy under {@code governing}'s roles and deploy calendar: they come only from the
   * service's own policy, so that choosing another policy never escapes them.
   */
  public ReleasePolicy governedBy(Roles governing, DeployCalendar governingCalendar) {
    return new ReleasePolicy(
        name,
        description,
        parent,
        router,
        analysis,
        preflight,
        checks,
        stages,
        groups,
        governing,
        rollbackTimeout,
        pageAfter,
        bake,
        undo,
        governingCalendar,
        defaultType,
        types,
        onKillSwitch,
        routerSettings);
  }

  /**
   * This policy laid over {@code base}: every top-level field set here wins; groups are merged;
   * router settings are inherited only with the router they were written for.
   */
  public ReleasePolicy over(ReleasePolicy base) {
    Map<String, List<String>> mergedGroups = new LinkedHashMap<>(base.groups());
    mergedGroups.putAll(groups);
    return new ReleasePolicy(
        name != null ? name : base.name(),
        description != null ? description : base.description(),
        null,
        router != null ? router : base.router(),
        analysis != null ? analysis : base.analysis(),
        preflight != null ? preflight : base.preflight(),
        checks != null ? checks : base.checks(),
        stages != null ? stages : base.stages(),
        mergedGroups,
        roles != null ? roles : base.roles(),
        rollbackTimeout != null ? rollbackTimeout : base.rollbackTimeout(),
        pageAfter != null ? pageAfter : base.pageAfter(),
        bake != null ? bake : base.bake(),
        undo != null ? undo : base.undo(),
        calendar != null ? calendar : base.calendar(),
        defaultType != null ? defaultType : base.defaultType(),
        types != null ? types : base.types(),
        onKillSwitch != null ? onKillSwitch : base.onKillSwitch(),
        routerSettings != null || (router != null && !router.equals(base.router()))
            ? routerSettings
            : base.routerSettings());
  }

  /**
   * The policy as the workflow runs it: the worker's default router and metric provider where none
   * is named, defaults filled in, and every stage carrying its checks explicitly.
   */
  public ReleasePolicy completed(String defaultRouter, String defaultProvider) {
    AnalysisSettings settings =
        analysis == null ? new AnalysisSettings(null, null, null, null, null) : analysis;
    if (settings.provider() == null) {
      settings = settings.withProvider(defaultProvider);
    }
    List<AnalysisCheck> shared = checks == null ? List.of() : checks;
    List<Stage> explicit =
        stages == null
            ? null
            : stages.stream().map(s -> s == null ? null : s.completed(shared)).toList();
    return new ReleasePolicy(
        name,
        description,
        null,
        router != null ? router : defaultRouter,
        settings,
        preflight == null ? List.of() : preflight,
        shared,
        explicit,
        groups,
        roles == null ? Roles.UNDECLARED : roles,
        rollbackTimeout != null ? rollbackTimeout : DEFAULT_ROLLBACK_TIMEOUT,
        pageAfter != null ? pageAfter : PageAfter.DEFAULTS,
        bake == null || Duration.ZERO.equals(bake.duration())
            ? null
            : bake.completed(lastChecks(explicit, shared)),
        undo != null ? undo : Undo.DEFAULTS,
        calendar,
        defaultType,
        types,
        onKillSwitch == null ? BreachAction.PAUSE : onKillSwitch,
        routerSettings == null ? Map.of() : routerSettings);
  }

  /**
   * This completed policy as a rollback runs it: no stages, straight to 100%, then a bake of {@code
   * undo.watch} with the bake's checks, or the last stage's that need no baseline.
   */
  public ReleasePolicy undoing() {
    Bake watch =
        new Bake(
                undo.watch(),
                bake != null ? bake.checks() : null,
                bake != null ? bake.during() : List.of())
            .completed(lastChecks(stages, checks));
    return new ReleasePolicy(
        name,
        description,
        null,
        router,
        analysis,
        preflight,
        checks,
        List.of(),
        groups,
        roles,
        rollbackTimeout,
        pageAfter,
        watch,
        undo,
        calendar,
        defaultType,
        types,
        onKillSwitch,
        routerSettings);
  }

  /** The release types a request may name: the policy's, else {@link #DEFAULT_TYPES}. */
  public List<String> typeNames() {
    return types == null || types.isEmpty() ? DEFAULT_TYPES : List.copyOf(types.keySet());
  }

  /**
   * The type a request asking for {@code asked} (null: the default) runs as, or throws {@link
   * InvalidReleaseException} naming the types there are.
   */
  public String typeOf(String asked) {
    String name =
        asked != null
            ? asked
            : defaultType != null
                ? defaultType
                : typeNames().contains(DEFAULT_TYPE) ? DEFAULT_TYPE : typeNames().get(0);
    if (!typeNames().contains(name)) {
      throw new InvalidReleaseException(
          asked != null ? "type" : "policy.defaultType",
          "'"
              + name
              + "' is not a release type of this policy (types: "
              + String.join(", ", typeNames())
              + ")");
    }
    return name;
  }

  /** The release type named {@code name} as this policy declares it (none: nothing changes). */
  public ReleaseType type(String name) {
    ReleaseType t = types == null ? null : types.get(name);
    return t != null ? t : new ReleaseType(null, null, null);
  }

  /** This policy as a release of type {@code name} runs it: the type's stages and bake, if any. */
  public ReleasePolicy ofType(String name) {
    ReleaseType t = type(name);
    return new ReleasePolicy(
        this.name,
        description,
        parent,
        router,
        analysis,
        preflight,
        checks,
        t.stages() != null ? t.stages() : stages,
        groups,
        roles,
        rollbackTimeout,
        pageAfter,
        t.bake() != null ? t.bake() : bake,
        undo,
        calendar,
        defaultType,
        types,
        onKillSwitch,
        routerSettings);
  }

  /** The stages as the release runs them: the policy's, then the bake when there is one. */
  public List<Stage> runStages() {
    if (bake == null) {
      return stages;
    }
    List<Stage> all = new ArrayList<>(stages);
    all.add(bake.stage());
    return List.copyOf(all);
  }

  /**
   * The cohorts sent to the canary at the stage numbered {@code number} (from 1) of {@link
   * #runStages}: its own and those of the stages before it, in order.
   */
  public List<String> cohortsThrough(int number) {
    List<Stage> run = runStages();
    return run.subList(0, Math.min(number, run.size())).stream()
        .map(Stage::cohort)
        .filter(c -> c != null)
        .toList();
  }

  private static List<AnalysisCheck> lastChecks(List<Stage> stages, List<AnalysisCheck> shared) {
    Stage last = stages == null || stages.isEmpty() ? null : stages.get(stages.size() - 1);
    return last == null ? shared : last.checks();
  }
}
