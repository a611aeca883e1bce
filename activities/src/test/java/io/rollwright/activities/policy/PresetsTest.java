package io.rollwright.activities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.BreachAction;
import io.rollwright.policy.Gate;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.PageAfter;
import io.rollwright.policy.PolicyValidator;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Stage;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.TimeoutAction;
import io.rollwright.policy.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class PresetsTest {
  static final List<String> PRESETS = PolicyRepository.PRESETS;
  private static final PolicyValidator VALIDATOR =
      new PolicyValidator(
          PolicyValidator.Known.names(
              Set.of("sandbox"),
              Set.of("sandbox"),
              Set.of(
                  "kill-switch",
                  "quality-gate",
                  "telemetry-health",
                  "dependencies",
                  "change-freeze")));

  @TempDir Path dir;

  @ParameterizedTest
  @FieldSource("PRESETS")
  void everyPresetLoads(String name) {
    PolicyRepository.Found found = new PolicyRepository(List.of()).find(name).orElseThrow();
    assertEquals("classpath:rollwright/presets/" + name + ".yaml", found.source());
    assertEquals(name, found.policy().name(), "an unnamed file is named after itself");
    assertFalse(found.policy().description().isBlank());
    assertFalse(found.policy().stages().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"quick", "standard", "channels"})
  void presetsThatNeedNoNamesAreValidAsShipped(String name) {
    assertEquals(List.of(), violations(preset(name)));
  }

  @ParameterizedTest
  @CsvSource({
    "progressive, policy.stages[3].gate.fromEach, 'no set of different people covers every group: team-lead, sre-oncall would have no approver of its own — add members'",
    "cohorts, policy.stages[2].gate.required, 1 approvals required but only 0 allowed approver(s)"
  })
  void presetsWithApprovalGroupsShipEmptyAndFailOnlyOnRequired(
      String name, String field, String rule) {
    List<Violation> found = violations(preset(name));
    assertEquals(List.of(field), found.stream().map(Violation::field).toList(), found::toString);
    assertTrue(found.get(0).rule().startsWith(rule), found.get(0).rule());
  }

  @Test
  void aServicePolicyNamingTheGroupsMakesProgressiveValid() throws IOException {
    write(
        "checkout", "extends: progressive", "groups:", "  team-lead: [a, b]", "  sre-oncall: [c]");
    ReleasePolicy p = repository().find("checkout").orElseThrow().policy();
    assertEquals(List.of(), violations(p));
    assertEquals("checkout", p.name());
    assertEquals(preset("progressive").stages(), p.stages(), "the stages come from the preset");
    assertEquals(List.of("a", "b"), p.groups().get("team-lead"));
  }

  @Test
  void routerSettingsAreInheritedOnlyWithTheRouterTheyWereWrittenFor() throws IOException {
    write("flags", "extends: standard", "router: unleash", "routerSettings: {onRollback: disable}");
    write("checkout", "extends: flags");
    write("web", "extends: flags", "router: gateway-api");
    assertEquals(
        Map.of("onRollback", "disable"),
        repository().find("checkout").orElseThrow().policy().routerSettings());
    assertEquals(
        null,
        repository().find("web").orElseThrow().policy().routerSettings(),
        "another router does not take the unleash settings");
  }

  // --- the numbers shipped in the seeds ---

  @Test
  void quickIsOneTenPercentCanaryForFifteenMinutes() {
    ReleasePolicy quick = completed("quick");
    assertEquals(List.of(10.0), column(quick, Stage::weight));
    assertEquals(List.of(Duration.ofMinutes(15)), column(quick, Stage::soak));
    AnalysisCheck errors = check(quick.stages().get(0), "error-rate");
    assertEquals(0.15, errors.max());
    assertEquals(Duration.ZERO, errors.sustained(), "quick rolls back on the first bad sample");
  }

  @Test
  void standardIsFiveTwentyFiveFifty() {
    ReleasePolicy standard = completed("standard");
    assertEquals(List.of(5.0, 25.0, 50.0), column(standard, Stage::weight));
    assertEquals(
        List.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2)),
        column(standard, Stage::soak));
    for (Stage s : standard.stages()) {
      assertEquals(Duration.ofMinutes(5), check(s, "error-rate").sustained(), s.name());
      assertEquals(0.01, check(s, "error-rate").max(), s.name());
    }
  }

  @Test
  void cohortsPauseForAHumanOnBreachesAndAlertsAndTheOthersRollBack() {
    ReleasePolicy cohorts = completed("cohorts");
    assertEquals(BreachAction.PAUSE, cohorts.analysis().onAlert());
    assertEquals(BreachAction.PAUSE, check(cohorts.stages().get(0), "error-rate").onBreach());
    for (String name : List.of("quick", "standard", "progressive", "channels")) {
      assertEquals(BreachAction.ROLLBACK, completed(name).analysis().onAlert(), name);
      assertEquals(PageAfter.DEFAULTS, completed(name).pageAfter(), name);
    }
  }

  @Test
  void progressiveEndsWithOneApprovalFromEachGroupWithinTwoHours() {
    Stage last = completed("progressive").stages().get(3);
    assertEquals("canary-50", last.name());
    Gate gate = last.gate();
    assertTrue(gate.needsApproval());
    assertEquals(2, gate.required());
    assertEquals(List.of("team-lead", "sre-oncall"), gate.fromEach());
    assertEquals(List.of(), gate.groups());
    assertEquals(Duration.ofHours(2), gate.timeout());
    assertEquals(TimeoutAction.REJECT, gate.onTimeout());
  }

  @Test
  void channelsRunFiveDaysTheLastBakedUnderTheStableChecks() {
    ReleasePolicy channels = completed("channels");
    assertEquals(
        List.of(10.0, 25.0, 50.0, 100.0),
        channels.runStages().stream().map(Stage::weight).toList());
    assertEquals(
        Duration.ofDays(5),
        channels.runStages().stream().map(Stage::soak).reduce(Duration.ZERO, Duration::plus));
    assertEquals(
        channels.stages().get(2).checks().stream().filter(c -> !c.needsBaseline()).toList(),
        channels.bake().checks(),
        "the bake runs stable-50's checks but p95 against the baseline, which serves nothing");
    assertEquals(
        List.of("error-rate", "success-rate"),
        channels.bake().checks().stream().map(AnalysisCheck::name).toList());
    assertEquals(0.005, check(channels.bake().stage(), "error-rate").max());
  }

  @Test
  void everyPresetBakesForAsLongAsItsSeedWatchesTheFullRollout() {
    Map<String, Duration> bakes = new TreeMap<>();
    for (String name : List.of("quick", "standard", "progressive", "channels", "cohorts")) {
      bakes.put(name, completed(name).bake().duration());
    }
    assertEquals(
        Map.of(
            "quick", Duration.ofMinutes(10),
            "standard", Duration.ofHours(1),
            "progressive", Duration.ofHours(2),
            "channels", Duration.ofHours(24),
            "cohorts", Duration.ofHours(24)),
        bakes);
  }

  // --- resolution and refusals ---

  @Test
  void anUnknownPolicyNameIsRefusedOnFieldPolicy() {
    InvalidReleaseException e =
        assertThrows(
            InvalidReleaseException.class,
            () -> activities().resolveOrThrow(request("nope", null)));
    assertEquals(
        List.of(
            new Violation(
                "policy",
                "'nope' is not a known policy (presets: quick, standard, cohorts, progressive, channels)")),
        e.violations());
  }

  @Test
  void aServiceWithoutAPolicyFileGetsTheDefaultPreset() {
    ResolvedRelease r = activities().resolveOrThrow(request(null, null));
    assertEquals("classpath:rollwright/presets/standard.yaml", r.policySource());
    assertEquals("sandbox", r.policy().router());
    assertEquals("sandbox", r.policy().analysis().provider());
  }

  @Test
  void anInlinePolicyMayExtendAPreset() {
    ReleasePolicy inline =
        new ReleasePolicy(
            null,
            null,
            "quick",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Duration.ofMinutes(10),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    ResolvedRelease r = activities().resolveOrThrow(request(null, inline));
    assertEquals("inline", r.policySource());
    assertEquals(Duration.ofMinutes(10), r.policy().rollbackTimeout());
    assertEquals(List.of(10.0), column(r.policy(), Stage::weight));
  }

  @Test
  void extendingAnUnknownPresetIsAnError() throws IOException {
    write("checkout", "extends: fast");
    InvalidReleaseException e =
        assertThrows(InvalidReleaseException.class, () -> repository().find("checkout"));
    Violation v = e.violations().get(0);
    assertEquals(dir.resolve("checkout.yaml") + ": extends", v.field());
    assertTrue(v.rule().startsWith("'fast' is not a known policy (presets: quick,"), v.rule());
  }

  @Test
  void anExtendsCycleIsAnError() throws IOException {
    write("a", "extends: b");
    write("b", "extends: a");
    InvalidReleaseException e =
        assertThrows(InvalidReleaseException.class, () -> repository().find("a"));
    assertTrue(e.getMessage().contains("chain is longer than 5 (a cycle?)"), e.getMessage());
  }

  @Test
  void aTypoInAPolicyFileIsRefusedNamingIt() throws IOException {
    write("checkout", "extends: standard", "stagez:", "  - weight: 10");
    InvalidReleaseException e =
        assertThrows(InvalidReleaseException.class, () -> repository().find("checkout"));
    Violation v = e.violations().get(0);
    assertEquals(dir.resolve("checkout.yaml") + ": policy.stagez", v.field());
    assertTrue(v.rule().startsWith("is not a known field"), v.rule());
    assertTrue(v.rule().contains("stages"), "the known fields are listed: " + v.rule());
  }

  @Test
  void anOperatorsFileWinsOverTheShippedPreset() throws IOException {
    write("quick", "stages:", "  - weight: 20", "    soak: 5m");
    PolicyRepository.Found found = repository().find("quick").orElseThrow();
    assertEquals(dir.resolve("quick.yaml").toString(), found.source());
    assertEquals(List.of(20.0), column(found.policy(), Stage::weight));
  }

  // --- helpers ---

  private static ReleasePolicy preset(String name) {
    return new PolicyRepository(List.of()).find(name).orElseThrow().policy();
  }

  private static ReleasePolicy completed(String name) {
    return preset(name).completed("sandbox", "sandbox");
  }

  private static List<Violation> violations(ReleasePolicy p) {
    return VALIDATOR.check(p.completed("sandbox", "sandbox"));
  }

  private static <T> List<T> column(ReleasePolicy p, Function<Stage, T> field) {
    return p.stages().stream().map(field).toList();
  }

  private static AnalysisCheck check(Stage s, String name) {
    return s.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + s));
  }

  private PolicyRepository repository() {
    return new PolicyRepository(List.of(new DirectoryPolicyFiles(dir)));
  }

  private PolicyActivitiesImpl activities() {
    return new PolicyActivitiesImpl(
        repository(),
        VALIDATOR,
        new PolicyActivitiesImpl.Defaults("standard", "sandbox", "sandbox"));
  }

  private void write(String name, String... lines) throws IOException {
    Files.writeString(dir.resolve(name + ".yaml"), String.join("\n", lines) + "\n");
  }

  private static ReleaseRequest request(String policy, ReleasePolicy inline) {
    return new ReleaseRequest(
        "checkout",
        "1.4.2",
        "registry.local/checkout:1.4.2",
        "prod",
        Strategy.CANARY,
        policy,
        inline,
        "alice",
        null,
        null);
  }
}
