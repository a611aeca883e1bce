package io.rollwright.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.RequestCheck;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad request or policy a person might write is refused with the exact field at fault and a
 * rule they can act on. Each row starts from a valid request (with a valid inline policy) or a
 * valid policy and breaks one thing, so exactly one violation is expected.
 */
class ValidationTableTest {
  private static final ObjectMapper MAPPER = ReleaseJson.strict(new ObjectMapper());

  /**
   * As the worker receives an inline policy from Temporal's data converter: lenient, so NaN reaches
   * the validator.
   */
  private static final ObjectMapper LENIENT = new ObjectMapper();

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
  private static final Object REMOVE = new Object();

  private static final String VALID_POLICY =
      """
      {
        "name": "checkout",
        "router": "sandbox",
        "analysis": {"interval": "30s", "minRequests": 10, "inconclusiveAfter": 3},
        "preflight": [
          {"check": "kill-switch"},
          {"check": "quality-gate", "min": 0.85},
          {"check": "change-freeze", "windows": ["2024-12-24T00:00:00Z/2024-12-26T00:00:00Z"]}
        ],
        "checks": [{"metric": "error-rate", "max": 0.05, "for": "5m"}],
        "groups": {"team-lead": ["bob", "carol"]},
        "stages": [
          {"name": "canary-10", "weight": 10, "soak": "30m"},
          {"name": "canary-50", "weight": 50, "soak": "1h",
           "gate": {"type": "approval", "required": 2, "approvers": ["alice"], "groups": ["team-lead"], "timeout": "2h"}}
        ],
        "rollbackTimeout": "30m"
      }""";

  private static final String VALID_REQUEST =
      """
      {"service": "checkout", "version": "1.4.2", "image": "registry.local/checkout:1.4.2", "environment": "prod",
       "strategy": "canary", "requestedBy": "alice", "changeRef": "CHG-1234", "inlinePolicy": %s}"""
          .formatted(VALID_POLICY);

  private static String manyNames(int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> "\"person-" + i + "\"")
        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        // --- the request as JSON: parse errors name the path from "request" ---
        row(
            "malformed JSON",
            () -> raw("{\"service\": \"checkout\", "),
            "request",
            "is not well-formed"),
        row("not JSON at all", () -> raw("service=checkout"), "request", "is not well-formed"),
        row(
            "a string, not an object",
            () -> raw("\"checkout\""),
            "request",
            "must be a JSON object"),
        row("an array, not an object", () -> raw("[1, 2]"), "request", "must be a JSON object"),
        row(
            "unknown field",
            () -> request("/servise", "checkout"),
            "request.servise",
            "is not a known field"),
        row(
            "unknown field in the inline policy",
            () -> request("/inlinePolicy/stagez", json("[]")),
            "request.inlinePolicy.stagez",
            "is not a known field"),
        row(
            "weight is not a number",
            () -> request("/inlinePolicy/stages/0/weight", "abc"),
            "request.inlinePolicy.stages[0].weight",
            "abc"),
        row(
            "unknown strategy",
            () -> request("/strategy", "blue"),
            "request.strategy",
            "'blue' is not one of canary, direct"),
        row(
            "unknown onBreach",
            () -> request("/inlinePolicy/checks/0/onBreach", "explode"),
            "request.inlinePolicy.checks[0].onBreach",
            "'explode' is not one of rollback, pause"),
        row(
            "unparsable soak",
            () -> request("/inlinePolicy/stages/0/soak", "3 hrs"),
            "request.inlinePolicy.stages[0].soak",
            "'3 hrs' is not a duration"),
        row(
            "unparsable gate timeout",
            () -> request("/inlinePolicy/stages/1/gate/timeout", "two hours"),
            "request.inlinePolicy.stages[1].gate.timeout",
            "is not a duration"),
        // --- the request's own fields ---
        row("service missing", () -> request("/service", REMOVE), "service", "is required"),
        row(
            "service upper case",
            () -> request("/service", "Checkout"),
            "service",
            "'Checkout' is not a DNS-1123 label (lowercase letters, digits and '-'"),
        row(
            "service with spaces",
            () -> request("/service", "check out"),
            "service",
            "'check out' is not a DNS-1123 label"),
        row(
            "service too long for a label",
            () -> request("/service", "s".repeat(64)),
            "service",
            "64 characters, at most 63"),
        row(
            "version empty",
            () -> request("/version", ""),
            "version",
            "is required and must not be empty"),
        row(
            "version with a space",
            () -> request("/version", "1.4 beta"),
            "version",
            "must be letters, digits"),
        row(
            "version of 200 characters",
            () -> request("/version", "1".repeat(200)),
            "version",
            "200 characters, at most 128"),
        row(
            "environment missing",
            () -> request("/environment", REMOVE),
            "environment",
            "is required"),
        row(
            "image with spaces",
            () -> request("/image", "registry.local/checkout 1.4.2"),
            "image",
            "must not contain spaces"),
        row(
            "requestedBy missing",
            () -> request("/requestedBy", REMOVE),
            "requestedBy",
            "is required"),
        row(
            "requestedBy with a zero-width space",
            () -> request("/requestedBy", "bob\u200b"),
            "requestedBy",
            "contains an invisible character (U+200B at position 3)"),
        row(
            "requestedBy with a bidi override",
            () -> request("/requestedBy", "\u202Eecila"),
            "requestedBy",
            "contains an invisible character (U+202E at position 0)"),
        row(
            "service in Cyrillic lookalikes",
            () -> request("/service", "ch\u0435ckout"),
            "service",
            "is not a DNS-1123 label"),
        row(
            "group member with a space",
            () -> policy("/groups/team-lead/0", "alice smith"),
            "policy.groups.team-lead[0]",
            "must be one identity without spaces"),
        row(
            "requestedBy with a bell",
            () -> request("/requestedBy", "alice\u0007"),
            "requestedBy",
            "contains a control character (U+0007 at position 5)"),
        row(
            "direct without a reason",
            () -> request("/strategy", "direct"),
            "reason",
            "is required for the direct strategy"),
        row(
            "reason over 2000 characters",
            () -> request("/reason", "r".repeat(70000)),
            "reason",
            "70000 characters, at most 2000"),
        row(
            "reason with a line break",
            () -> request("/reason", "first\nsecond"),
            "reason",
            "contains a control character (U+000A at position 5)"),
        row(
            "reason with an escape",
            () -> request("/reason", "\u001b[31mred"),
            "reason",
            "contains a control character (U+001B at position 0)"),
        row(
            "changeRef over 256 characters",
            () -> request("/changeRef", "c".repeat(257)),
            "changeRef",
            "257 characters, at most 256"),
        row(
            "policy name and inline policy",
            () -> request("/policy", "standard"),
            "policy",
            "either a policy name or an inlinePolicy, not both"),
        // --- the policy ---
        row(
            "unknown router",
            () -> policy("/router", "istio"),
            "policy.router",
            "'istio' is not a known traffic router (known: sandbox)"),
        row(
            "unknown metric provider",
            () -> policy("/analysis/provider", "datadog"),
            "policy.analysis.provider",
            "'datadog' is not a known metric provider"),
        row(
            "analysis interval 0s",
            () -> policy("/analysis/interval", "0s"),
            "policy.analysis.interval",
            "between 1s and 1h (got 0s)"),
        row(
            "inconclusiveAfter 0",
            () -> policy("/analysis/inconclusiveAfter", 0),
            "policy.analysis.inconclusiveAfter",
            "between 1 and 1000 samples"),
        row(
            "unknown pre-flight check",
            () -> policy("/preflight/0/check", "smoke-test"),
            "policy.preflight[0].check",
            "'smoke-test' is not a known pre-flight check"),
        row(
            "no stages",
            () -> policy("/stages", json("[]")),
            "policy.stages",
            "must list at least one stage"),
        row(
            "stages missing",
            () -> policy("/stages", REMOVE),
            "policy.stages",
            "must list at least one stage"),
        row(
            "cohort with a space",
            () -> policy("/stages/0/cohort", "internal test"),
            "policy.stages[0].cohort",
            "'internal test' is not a cohort"),
        row(
            "cohort named twice",
            () -> policy("/stages/0/cohort", "beta", "/stages/1/cohort", "beta"),
            "policy.stages[1].cohort",
            "'beta' is already the cohort of stages[0]"),
        row(
            "weight 0",
            () -> policy("/stages/0/weight", 0),
            "policy.stages[0].weight",
            "must be in (0, 100] (got 0)"),
        row(
            "weight 150",
            () -> policy("/stages/1/weight", 150),
            "policy.stages[1].weight",
            "must be in (0, 100] (got 150)"),
        row(
            "weight missing",
            () -> policy("/stages/0/weight", REMOVE),
            "policy.stages[0].weight",
            "is required"),
        row(
            "weights decrease",
            () -> policy("/stages/1/weight", 5),
            "policy.stages[1].weight",
            "greater than the previous stage's 10"),
        row(
            "weights 25 then 10",
            () ->
                policy(
                    "/stages",
                    json(
                        "[{\"weight\": 25, \"soak\": \"30m\"}, {\"weight\": 10, \"soak\": \"30m\"}]")),
            "policy.stages[1].weight",
            "previous stage's 25 (weights strictly increase)"),
        row(
            "weights 10 then 10",
            () ->
                policy(
                    "/stages",
                    json(
                        "[{\"weight\": 10, \"soak\": \"30m\"}, {\"weight\": 10, \"soak\": \"30m\"}]")),
            "policy.stages[1].weight",
            "previous stage's 10"),
        row(
            "soak missing",
            () -> policy("/stages/0/soak", REMOVE),
            "policy.stages[0].soak",
            "is required"),
        row(
            "soak over 30 days",
            () -> policy("/stages/0/soak", "31d"),
            "policy.stages[0].soak",
            "between 0s and 30d (got 31d)"),
        row(
            "bake without a duration",
            () -> policy("/bake", json("{}")),
            "policy.bake.duration",
            "is required (e.g. 1h; leave out bake for none)"),
        row(
            "bake over 30 days",
            () -> policy("/bake", json("{\"duration\": \"31d\"}")),
            "policy.bake.duration",
            "between 1s and 30d (got 31d)"),
        row(
            "a check of the bake's own that is broken",
            () ->
                policy(
                    "/bake",
                    json(
                        "{\"duration\": \"1h\", \"checks\": [{\"metric\": \"error-rate\", \"max\": 2}]}")),
            "policy.bake.checks[0].max",
            "between 0 and 1 (got 2)"),
        row(
            "the inherited checks' window is longer than the bake",
            () -> policy("/bake", json("{\"duration\": \"2m\"}")),
            "policy.bake.duration",
            "(2m) is shorter than the for (5m) of check error-rate, which the bake runs"),
        row(
            "a bake check against the baseline",
            () ->
                policy(
                    "/bake",
                    json(
                        "{\"duration\": \"1h\", \"checks\": [{\"metric\": \"latency-p95\", \"maxVsBaseline\": 1.5}]}")),
            "policy.bake.checks[0].maxVsBaseline",
            "compares with the previous version, which serves no traffic while the new one bakes"),
        row(
            "a bake left with no check once those against the baseline are set aside",
            () ->
                policy(
                    "/bake",
                    json("{\"duration\": \"1h\"}"),
                    "/checks",
                    json("[{\"metric\": \"latency-p95\", \"maxVsBaseline\": 1.5}]")),
            "policy.bake.checks",
            "are required: every check of the last stage compares with the previous version"),
        row(
            "a stage named bake beside a bake",
            () -> policy("/bake", json("{\"duration\": \"1h\"}"), "/stages/0/name", "bake"),
            "policy.stages[0].name",
            "'bake' is reserved for the bake when the policy sets one"),
        row(
            "negative error-rate max",
            () -> stageCheck("{\"metric\": \"error-rate\", \"max\": -0.1}"),
            "policy.stages[0].checks[0].max",
            "between 0 and 1 (got -0.1)"),
        row(
            "error-rate max 5 (500%)",
            () -> stageCheck("{\"metric\": \"error-rate\", \"max\": 5}"),
            "policy.stages[0].checks[0].max",
            "between 0 and 1 (got 5)"),
        row(
            "latency max 1e9 ms",
            () -> stageCheck("{\"metric\": \"latency-p95\", \"max\": 1e9}"),
            "policy.stages[0].checks[0].max",
            "between 0 and 3600000 (got 1000000000)"),
        row(
            "maxVsBaseline 5000",
            () -> stageCheck("{\"metric\": \"latency-p95\", \"maxVsBaseline\": 5000}"),
            "policy.stages[0].checks[0].maxVsBaseline",
            "between 0.01 and 1000× baseline (got 5000)"),
        row(
            "success-rate min above 1",
            () -> stageCheck("{\"metric\": \"success-rate\", \"min\": 99}"),
            "policy.stages[0].checks[0].min",
            "between 0 and 1 (got 99)"),
        row(
            "check with two limits",
            () -> stageCheck("{\"metric\": \"error-rate\", \"max\": 0.1, \"min\": 0.01}"),
            "policy.stages[0].checks[0]",
            "exactly one of max, min, maxVsBaseline or mannWhitney (got 2)"),
        row(
            "check with no limit",
            () -> stageCheck("{\"metric\": \"error-rate\"}"),
            "policy.stages[0].checks[0]",
            "(got 0)"),
        row(
            "unknown metric",
            () -> stageCheck("{\"metric\": \"cpu\", \"max\": 0.9}"),
            "policy.stages[0].checks[0].metric",
            "'cpu' is not a known metric"),
        row(
            "check name used twice",
            () ->
                stageCheck(
                    "{\"metric\": \"error-rate\", \"max\": 0.1}, {\"metric\": \"error-rate\", \"max\": 0.2}"),
            "policy.stages[0].checks[1].name",
            "'error-rate' is used twice"),
        row(
            "for longer than the soak",
            () -> stageCheck("{\"metric\": \"error-rate\", \"max\": 0.1, \"for\": \"45m\"}"),
            "policy.stages[0].checks[0].for",
            "(45m) is longer than the soak of stage canary-10 (30m)"),
        row(
            "approval needs more than allowed",
            () -> policy("/stages/1/gate/required", 4),
            "policy.stages[1].gate.required",
            "4 approvals required but only 3 allowed approver(s) [alice, bob, carol]"),
        row(
            "fromEach names an undefined group",
            () -> policy("/stages/1/gate/fromEach", json("[\"sre-oncall\"]")),
            "policy.stages[1].gate.fromEach",
            "names group 'sre-oncall' which the policy's groups do not define"),
        row(
            "fromEach groups one person cannot cover twice",
            () ->
                policy(
                    "/groups",
                    json("{\"team-lead\": [\"bob\"], \"sre-oncall\": [\"bob\"]}"),
                    "/stages/1/gate/fromEach",
                    json("[\"team-lead\", \"sre-oncall\"]")),
            "policy.stages[1].gate.fromEach",
            "no set of different people covers every group: sre-oncall would have no approver"),
        row(
            "required below the fromEach groups",
            () ->
                policy(
                    "/groups",
                    json("{\"team-lead\": [\"bob\"], \"sre-oncall\": [\"carol\"]}"),
                    "/stages/1/gate/required",
                    1,
                    "/stages/1/gate/fromEach",
                    json("[\"team-lead\", \"sre-oncall\"]")),
            "policy.stages[1].gate.required",
            "1 is fewer than the 2 groups of fromEach"),
        row(
            "type not a name",
            () -> request("/type", "Hot Fix"),
            "type",
            "'Hot Fix' is not a DNS-1123 label"),
        row(
            "type name not a name",
            () -> policy("/types", json("{\"Hot Fix\": {}}")),
            "policy.types",
            "'Hot Fix' is not a DNS-1123 label"),
        row(
            "approval required 0",
            () -> policy("/stages/1/gate/required", 0),
            "policy.stages[1].gate.required",
            "must be at least 1"),
        row(
            "approval names an undefined group",
            () ->
                policy("/stages/1/gate/groups", json("[\"sre-oncall\"]")).stream()
                    .filter(v -> !v.field().endsWith("required"))
                    .toList(),
            "policy.stages[1].gate.groups",
            "names group 'sre-oncall' which the policy's groups do not define"),
        row(
            "approval without timeout",
            () -> policy("/stages/1/gate/timeout", REMOVE),
            "policy.stages[1].gate.timeout",
            "is required for an approval gate"),
        row(
            "gate without type",
            () -> policy("/stages/1/gate/type", REMOVE),
            "policy.stages[1].gate.type",
            "is required: auto or approval"),
        row(
            "group named in upper case",
            () -> policy("/groups/SRE", json("[\"dave\"]")),
            "policy.groups.SRE",
            "'SRE' is not a DNS-1123 label"),
        row(
            "rollbackTimeout 10s",
            () -> policy("/rollbackTimeout", "10s"),
            "policy.rollbackTimeout",
            "between 1m and 1d (got 10s)"),
        row(
            "unknown check before a stage",
            () -> policy("/stages/1/before", json("[{\"check\": \"smoke-test\"}]")),
            "policy.stages[1].before[0].check",
            "'smoke-test' is not a known pre-flight check"),
        row(
            "pageAfter.paused 30s",
            () -> policy("/pageAfter", json("{\"paused\": \"30s\"}")),
            "policy.pageAfter.paused",
            "between 1m and 7d (got 30s)"),
        row(
            "pageAfter.rollingBack 8d",
            () -> policy("/pageAfter", json("{\"rollingBack\": \"8d\"}")),
            "policy.pageAfter.rollingBack",
            "between 1m and 7d (got 8d)"),
        row(
            "onAlert neither rollback nor pause",
            () -> request("/inlinePolicy/analysis/onAlert", "abort"),
            "request.inlinePolicy.analysis.onAlert",
            "'abort' is not one of rollback, pause"),
        row(
            "two stages of one name",
            () -> policy("/stages/1/name", "canary-10"),
            "policy.stages[1].name",
            "'canary-10' is already the name of stages[0]"),
        row(
            "NaN weight (YAML .nan)",
            () -> policy("/stages/0/weight", Double.NaN),
            "policy.stages[0].weight",
            "must be a finite number (got NaN)"),
        row(
            "infinite threshold",
            () -> policy("/checks/0/max", Double.POSITIVE_INFINITY),
            "policy.checks[0].max",
            "must be a finite number"),
        row(
            "a stage named break-glass",
            () -> policy("/stages/1/name", "break-glass"),
            "policy.stages[1].name",
            "'break-glass' is reserved for the confirmation of a break-glass release"),
        row(
            "a role naming an undefined group",
            () -> policy("/roles", json("{\"operators\": {\"groups\": [\"sre\"]}}")),
            "policy.roles.operators.groups[0]",
            "names group 'sre' which the policy's groups do not define"),
        row(
            "a role holder with a line break",
            () -> policy("/roles", json("{\"breakGlass\": {\"people\": [\"carol\\nmallory\"]}}")),
            "policy.roles.breakGlass.people[0]",
            "contains a control character (U+000A at position 5)"),
        row(
            "a role of 201 people",
            () -> policy("/roles", json("{\"requesters\": {\"people\": " + manyNames(201) + "}}")),
            "policy.roles.requesters",
            "201 entries, at most 200"),
        row(
            "confirmWithin 10s",
            () ->
                policy(
                    "/roles",
                    json(
                        "{\"breakGlass\": {\"people\": [\"carol\"]}, \"confirmWithin\": \"10s\"}")),
            "policy.roles.confirmWithin",
            "between 1m and 1d (got 10s)"),
        row(
            "unknown role",
            () -> request("/inlinePolicy/roles", json("{\"admins\": {\"people\": [\"carol\"]}}")),
            "request.inlinePolicy.roles.admins",
            "is not a known field"),
        row(
            "21 stages",
            () -> policy("/stages", json(manyStages(21))),
            "policy.stages",
            "21 stages, at most 20"),
        // --- strict JSON: no coercion, no NaN ---
        row(
            "a number for a string",
            () -> request("/version", 5),
            "request.version",
            "Cannot coerce Integer value (5) to `java.lang.String`"),
        row(
            "a number for an enum",
            () -> request("/strategy", 1),
            "request.strategy",
            "'1' is not one of canary, direct"),
        row(
            "a boolean for a string",
            () -> request("/service", true),
            "request.service",
            "Cannot coerce Boolean value"),
        row(
            "a fraction for an integer",
            () -> request("/inlinePolicy/analysis/inconclusiveAfter", 2.5),
            "request.inlinePolicy.analysis.inconclusiveAfter",
            "Cannot coerce Floating-point value (2.5)"),
        row(
            "a string for a number",
            () -> request("/inlinePolicy/stages/0/weight", "10"),
            "request.inlinePolicy.stages[0].weight",
            "Cannot coerce String value"),
        row(
            "NaN as a string",
            () -> request("/inlinePolicy/stages/0/weight", "NaN"),
            "request.inlinePolicy.stages[0].weight",
            "must be a finite number (got NaN)"),
        row(
            "a number beyond double",
            () -> raw(VALID_REQUEST.replace("\"max\": 0.05", "\"max\": 1e999")),
            "request.inlinePolicy.checks[0].max",
            "must be a finite number (got Infinity)"),
        row(
            "a field given twice",
            () ->
                raw(
                    VALID_REQUEST.replace(
                        "\"version\": \"1.4.2\"", "\"version\": \"1.4.2\", \"version\": \"9\"")),
            "request",
            "Duplicate field 'version'"),
        row(
            "NaN literal",
            () -> raw(VALID_REQUEST.replace("\"max\": 0.05", "\"max\": NaN")),
            "request.inlinePolicy.checks[0].max",
            "must be a finite number (NaN and Infinity are not JSON numbers)"),
        row(
            "inline policy of 21 stages",
            () -> request("/inlinePolicy/stages", json(manyStages(21))),
            "inlinePolicy.stages",
            "21 stages, at most 20"),
        row(
            "inline policy over 32 KiB",
            () -> request("/inlinePolicy/description", "d".repeat(40_000)),
            "inlinePolicy",
            "characters as JSON, at most 32768"));
  }

  private static String manyStages(int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 1; i <= n; i++) {
      sb.append(i == 1 ? "" : ",")
          .append("{\"weight\": ")
          .append(i * 4)
          .append(", \"soak\": \"30m\"}");
    }
    return sb.append("]").toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void refusesNamingTheField(
      String label, Supplier<List<Violation>> violations, String field, String ruleFragment) {
    List<Violation> found = violations.get();
    assertEquals(1, found.size(), () -> "expected exactly one violation, got " + found);
    Violation v = found.get(0);
    assertEquals(field, v.field(), () -> "wrong field in " + v);
    assertTrue(
        v.rule().contains(ruleFragment), () -> "rule of " + v + " should contain: " + ruleFragment);
  }

  @Test
  void tableCoversEnoughBadInputs() {
    assertTrue(badInputs().count() >= 25);
  }

  @Test
  void validRequestAndPolicyHaveNoViolations() {
    ReleaseRequest r = ReleaseRequest.fromJson(VALID_REQUEST);
    assertEquals(List.of(), RequestCheck.check(r));
    assertEquals(List.of(), VALIDATOR.check(r.inlinePolicy().completed("sandbox", "sandbox")));
    assertEquals(List.of(), policy("/name", "checkout"));
  }

  @Test
  void directWithReasonIsValid() {
    assertEquals(
        List.of(),
        request("/strategy", "direct", "/reason", "checkout is down, hotfix for INC-42"));
  }

  @Test
  void manyBrokenRulesAreAllReportedInOneException() {
    ReleaseRequest r =
        new ReleaseRequest(
            "Checkout", "", "img", null, Strategy.DIRECT, null, null, "alice", null, null);
    InvalidReleaseException e =
        assertThrows(InvalidReleaseException.class, () -> RequestCheck.require(r));
    assertEquals(
        List.of("service", "environment", "version", "reason"),
        e.violations().stream().map(Violation::field).toList());
    assertTrue(
        e.getMessage().contains("service: 'Checkout' is not a DNS-1123 label")
            && e.getMessage().contains("; reason: is required"),
        e.getMessage());
  }

  @Test
  void aDirectReleaseMayHaveAPolicyWithoutStagesACanaryNot() throws JsonProcessingException {
    ReleasePolicy none =
        MAPPER
            .treeToValue(edited(VALID_POLICY, "/stages", json("[]")), ReleasePolicy.class)
            .completed("sandbox", "sandbox");
    assertEquals(List.of(), VALIDATOR.check(none, Strategy.DIRECT));
    assertEquals(
        List.of("policy.stages"),
        VALIDATOR.check(none, Strategy.CANARY).stream().map(Violation::field).toList());
  }

  @Test
  void checksSharedByEveryStageAreReportedOnceWhereTheyAreWritten() {
    List<Violation> found = policy("/checks/0/max", 5);
    assertEquals(List.of("policy.checks[0].max"), found.stream().map(Violation::field).toList());
  }

  // --- helpers ---

  private static Arguments row(
      String label, Supplier<List<Violation>> violations, String field, String fragment) {
    return Arguments.of(label, violations, field, fragment);
  }

  /** The violations of a raw request text: parse errors, else the request rules. */
  private static List<Violation> raw(String json) {
    try {
      return RequestCheck.check(ReleaseRequest.fromJson(json));
    } catch (InvalidReleaseException e) {
      return e.violations();
    }
  }

  /** The valid request with edits (JSON pointer, value; {@link #REMOVE} deletes) applied. */
  private static List<Violation> request(Object... edits) {
    return raw(edited(VALID_REQUEST, edits).toString());
  }

  /**
   * The violations of the valid policy with edits applied, once completed with the sandbox
   * defaults.
   */
  private static List<Violation> policy(Object... edits) {
    try {
      ReleasePolicy p = LENIENT.treeToValue(edited(VALID_POLICY, edits), ReleasePolicy.class);
      return VALIDATOR.check(p.completed("sandbox", "sandbox"));
    } catch (JsonProcessingException e) {
      return fail("test policy does not parse", e);
    }
  }

  /** The valid policy with its first stage's checks replaced by these (a JSON array's content). */
  private static List<Violation> stageCheck(String checks) {
    return policy("/stages/0/checks", json("[" + checks + "]"));
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return fail("bad JSON in test", e);
    }
  }

  private static JsonNode edited(String base, Object... edits) {
    JsonNode root = json(base);
    for (int i = 0; i < edits.length; i += 2) {
      JsonPointer pointer = JsonPointer.compile((String) edits[i]);
      JsonNode parent = root.at(pointer.head());
      Object value = edits[i + 1];
      JsonNode node =
          value == REMOVE ? null : value instanceof JsonNode n ? n : MAPPER.valueToTree(value);
      if (parent instanceof ObjectNode o) {
        if (value == REMOVE) o.remove(pointer.last().getMatchingProperty());
        else o.set(pointer.last().getMatchingProperty(), node);
      } else if (parent instanceof ArrayNode a) {
        if (value == REMOVE) a.remove(pointer.last().getMatchingIndex());
        else a.set(pointer.last().getMatchingIndex(), node);
      } else {
        fail("no object or array at " + pointer.head());
      }
    }
    return root;
  }
}
