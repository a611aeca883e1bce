package io.rollwright.cli;

import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.TrainRequest;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.Gate;
import io.rollwright.policy.GateType;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.TimeoutAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start a release; with --wait, follow it and exit with its outcome's code.",
      "Prints the release ID and its Web UI link. --wait streams its progress and exits 0 promoted,",
      "2 rolled back, 3 blocked by pre-flight, 4 failed (needs a human); while no worker answers, it",
      "says so and keeps waiting."
    })
final class StartCommand extends StartingCommand {
  @Parameters(index = "0", paramLabel = "SERVICE")
  String service;

  @Parameters(index = "1", paramLabel = "VERSION")
  String version;

  @Option(names = "--image", required = true, description = "the image to release")
  String image;

  @Option(
      names = "--direct",
      description = "break-glass: straight to 100%%, no canary (needs --reason)")
  boolean direct;

  @Option(names = "--reason", description = "why (required with --direct)")
  String reason;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description =
          "the kind of release: hotfix, feature, major, or a type its policy declares (default: the policy's)")
  String type;

  @Option(
      names = "--change-ref",
      paramLabel = "REF",
      description = "the change shipped, e.g. a commit SHA")
  String changeRef;

  @Option(
      names = "--change-time",
      paramLabel = "ISO-8601",
      description = "when that change was committed (default: asked of git for --change-ref)")
  String changeTime;

  @Option(
      names = "--waves",
      paramLabel = "WAVES",
      description =
          "after --env, more environments in waves, e.g. prod-us/prod-eu,prod-ap: each wave after"
              + " the one before, those of a wave side by side; the rollout is train <service>")
  String waves;

  @Option(
      names = "--keep-earlier-waves",
      description = "with --waves: when a wave fails, leave the earlier waves on the new version")
  boolean keepEarlierWaves;

  @Option(
      names = "--bake-between-waves",
      paramLabel = "DURATION",
      description = "with --waves: each later wave starts this long after the one before promoted")
  String bakeBetweenWaves;

  @Option(
      names = "--wave-approvers",
      paramLabel = "NAMES",
      split = ",",
      description =
          "with --waves: each later wave waits for an approval by one of these people"
              + " (rollwright train approve), rejected after --wave-approval-timeout")
  List<String> waveApprovers;

  @Option(
      names = "--wave-approval-timeout",
      paramLabel = "DURATION",
      defaultValue = "4h",
      description = "how long a wave waits for its approval (default: ${DEFAULT-VALUE})")
  String waveApprovalTimeout;

  @Override
  int run() throws Exception {
    if (waves != null) {
      return startTrain(inWaves(), committedAt(), await);
    }
    if (keepEarlierWaves || bakeBetweenWaves != null || waveApprovers != null) {
      throw new IllegalArgumentException(
          (keepEarlierWaves
                  ? "--keep-earlier-waves"
                  : bakeBetweenWaves != null ? "--bake-between-waves" : "--wave-approvers")
              + " needs --waves");
    }
    ReleaseRequest request =
        new ReleaseRequest(
            service,
            version,
            image,
            environment,
            direct ? Strategy.DIRECT : Strategy.CANARY,
            policy.name,
            policyFile(),
            requester(),
            reason,
            changeRef,
            null,
            type);
    return start(request, committedAt(), service + " " + version + " → " + environment);
  }

  private static Duration duration(String option, String text) {
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidReleaseException(option, e.getMessage());
    }
  }

  /**
   * The rollout in waves as a train named after the service: {@code --env} the first wave, each
   * later wave going after every environment of the one before.
   */
  private TrainRequest inWaves() {
    if (direct || policy.file != null) {
      throw new IllegalArgumentException(
          "--waves cannot be used with "
              + (direct ? "--direct" : "--policy-file")
              + ": each wave is a canary release under a policy named with --policy, or the"
              + " service's own");
    }
    Duration bake =
        bakeBetweenWaves == null ? null : duration("--bake-between-waves", bakeBetweenWaves);
    Gate gate =
        waveApprovers == null
            ? null
            : new Gate(
                GateType.APPROVAL,
                1,
                waveApprovers,
                null,
                null,
                duration("--wave-approval-timeout", waveApprovalTimeout),
                TimeoutAction.REJECT);
    List<TrainRequest.Release> releases = new ArrayList<>();
    List<String> before = List.of();
    List<List<String>> all = new ArrayList<>();
    all.add(List.of(environment));
    for (String wave : waves.split("/", -1)) {
      all.add(List.of(wave.split(",", -1)));
    }
    for (List<String> wave : all) {
      List<String> labels = new ArrayList<>();
      for (String env : wave) {
        String where = env.strip();
        if (where.isEmpty()) {
          throw new InvalidReleaseException(
              "--waves",
              "'" + waves + "' has an empty environment (waves are a/b,c: a, then b and c)");
        }
        releases.add(
            new TrainRequest.Release(
                service,
                version,
                image,
                policy.name,
                type,
                before,
                where.equals(environment) ? null : where,
                before.isEmpty() ? null : bake,
                before.isEmpty() ? null : gate));
        labels.add(service + "@" + where);
      }
      before = labels;
    }
    return new TrainRequest(
        service,
        environment,
        requester(),
        reason,
        changeRef,
        releases,
        keepEarlierWaves ? TrainRequest.KEEP : TrainRequest.ROLL_BACK);
  }

  private Instant committedAt() {
    return committedAt(changeTime, changeRef);
  }
}
