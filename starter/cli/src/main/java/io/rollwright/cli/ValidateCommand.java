package io.rollwright.cli;

import io.rollwright.activities.ReleaseActivities;
import io.rollwright.activities.base.Registry;
import io.rollwright.activities.base.SystemActivityClock;
import io.rollwright.activities.policy.DirectoryPolicyFiles;
import io.rollwright.activities.policy.PolicyActivitiesImpl;
import io.rollwright.activities.policy.PolicyFiles;
import io.rollwright.activities.policy.PolicyRepository;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseSearchAttributes;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.PolicyValidator;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.SettingsRules;
import io.rollwright.text.TerminalText;
import io.rollwright.workflow.Permissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Validates a release request the way the worker resolves it: the request's limits, then its policy
 * found (by name, inline, or the service's own file, else the default preset), its {@code extends}
 * chain laid over, completed and validated — by the worker's own code ({@link
 * PolicyActivitiesImpl}). What this machine cannot know of the worker (its policy files, its
 * extensions and defaults) is given by options, defaulting to the worker of the shipped Kubernetes
 * deployment ({@code deploy/kubernetes}).
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validate a release request (JSON) and its policy without starting it, by the rules the worker applies.",
      "Exits 0 when valid, 1 otherwise."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "REQUEST.json", description = "the release request, as JSON")
  Path file;

  @Option(
      names = "--policies-dir",
      paramLabel = "DIR",
      description =
          "the worker's policy files (its rollwright.policies-dir), looked up before the presets")
  Path policiesDir;

  @Option(
      names = "--default-policy",
      paramLabel = "NAME",
      defaultValue = "standard",
      description =
          "the worker's policy for services without one (rollwright.default-policy; default: ${DEFAULT-VALUE})")
  String defaultPolicy;

  @Option(
      names = "--default-router",
      paramLabel = "NAME",
      defaultValue = "replica-ratio",
      description =
          "the worker's router for policies naming none (rollwright.default-router; default: ${DEFAULT-VALUE})")
  String defaultRouter;

  @Option(
      names = "--default-metrics",
      paramLabel = "NAME",
      defaultValue = "prometheus",
      description =
          "the worker's metric provider for policies naming none (rollwright.default-metrics; default: ${DEFAULT-VALUE})")
  String defaultMetrics;

  @Option(
      names = "--routers",
      paramLabel = "NAME",
      split = ",",
      defaultValue = "replica-ratio,gateway-api,nginx-ingress",
      description = "the traffic routers the worker registers (default: ${DEFAULT-VALUE})")
  Set<String> routers;

  @Option(
      names = "--providers",
      paramLabel = "NAME",
      split = ",",
      defaultValue = "prometheus",
      description = "the metric providers the worker registers (default: ${DEFAULT-VALUE})")
  Set<String> providers;

  @Option(
      names = "--preflight-checks",
      paramLabel = "NAME",
      split = ",",
      defaultValue = "quality-gate,telemetry-health,dependencies,change-freeze,kill-switch",
      description = "the pre-flight checks the worker offers (default: ${DEFAULT-VALUE})")
  Set<String> preflightChecks;

  @Spec CommandSpec spec;

  /**
   * The pre-flight checks named, the built-in ones with the rules of their settings the worker
   * applies.
   */
  private Map<String, SettingsRules<PreflightSettings>> checkRules() {
    Map<String, SettingsRules<PreflightSettings>> rules = new HashMap<>();
    preflightChecks.forEach(name -> rules.put(name, SettingsRules.none()));
    for (PreflightCheck check :
        ReleaseActivities.builtInChecks(
            new Registry<>("metric provider", Map.of()), new SystemActivityClock(), id -> null)) {
      if (preflightChecks.contains(check.name())) {
        rules.put(check.name(), check::checkSettings);
      }
    }
    return rules;
  }

  @Override
  public Integer call() {
    ReleaseRequest request;
    try {
      request = ReleaseRequest.fromJson(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidReleaseException(
          "REQUEST.json", "cannot read " + file + ": " + e.getMessage());
    }
    List<PolicyFiles> files =
        policiesDir == null ? List.of() : List.of(new DirectoryPolicyFiles(policiesDir));
    PolicyActivitiesImpl worker =
        new PolicyActivitiesImpl(
            new PolicyRepository(files),
            new PolicyValidator(
                new PolicyValidator.Known(
                    PolicyValidator.Known.noRules(routers),
                    PolicyValidator.Known.noRules(providers),
                    checkRules())),
            new PolicyActivitiesImpl.Defaults(defaultPolicy, defaultRouter, defaultMetrics));
    ResolvedRelease resolved = worker.resolveOrThrow(request);
    Permissions roles = Permissions.of(resolved);
    String refused = roles.startRefusal();
    if (refused != null) {
      throw new InvalidReleaseException("requestedBy", refused);
    }
    spec.commandLine()
        .getOut()
        .println(
            TerminalText.line(
                "valid: "
                    + ReleaseSearchAttributes.summary(request)
                    + ", release id "
                    + request.releaseId()
                    + ", policy "
                    + resolved.policy().name()
                    + " from "
                    + resolved.policySource()
                    + " ("
                    + (resolved.policy().stages() == null ? 0 : resolved.policy().stages().size())
                    + " stages)"));
    if (roles.breakGlass() != null) {
      spec.commandLine()
          .getOut()
          .println(
              TerminalText.line(
                  "break-glass: "
                      + roles.breakGlass()
                      + (roles.confirmation() == null
                          ? " (solo break-glass allowed)"
                          : "; it waits for a second holder of the breakGlass role to confirm")));
    }
    return ExitCodes.OK;
  }
}
