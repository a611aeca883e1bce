package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Violations;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Runs an image as a Kubernetes Job in the release's namespace ({@code check: kubernetes-job}),
 * e.g. the team's smoke tests, with the release in its environment ({@code ROLLWRIGHT_VERSION},
 * {@code ROLLWRIGHT_STAGE}, …): the Job succeeding passes, failing fails, and one that has not
 * finished within its {@code timeout} is inconclusive (and deleted). The tail of its pod's log is
 * part of the result, and so of the audit. One attempt per run: {@code backoffLimit} 0.
 */
public final class KubernetesJobCheck implements PreflightCheck {
  public static final String NAME = "kubernetes-job";
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
  static final int LOG_LINES = 20;
  static final int LOG_CHARS = 1000;

  /** What the check calls in a target namespace: deploy/kubernetes/job-checks grants exactly it. */
  static final List<KubernetesPermissions.Permission> PERMISSIONS =
      List.of(
          new KubernetesPermissions.Permission("batch", "jobs", "create"),
          new KubernetesPermissions.Permission("batch", "jobs", "get"),
          new KubernetesPermissions.Permission("batch", "jobs", "delete"),
          new KubernetesPermissions.Permission("", "pods", "list"),
          new KubernetesPermissions.Permission("", "pods/log", "get"));

  private final KubernetesClient client;
  private final KubernetesCluster cluster;
  private final ActivityClock clock;
  private final Duration poll;

  KubernetesJobCheck(
      KubernetesClient client, KubernetesCluster cluster, ActivityClock clock, Duration poll) {
    this.client = client;
    this.cluster = cluster;
    this.clock = clock;
    this.poll = poll;
  }

  /** Whether {@code policy} runs this check anywhere: at pre-flight, before or during a stage. */
  static boolean usedBy(ReleasePolicy policy) {
    Stream<PreflightSettings> stages =
        policy.runStages() == null
            ? Stream.empty()
            : policy.runStages().stream()
                .filter(Objects::nonNull)
                .flatMap(s -> Stream.concat(s.before().stream(), s.during().stream()));
    return Stream.concat(policy.preflight().stream(), stages)
        .anyMatch(c -> c != null && NAME.equals(c.check()));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void checkSettings(String field, PreflightSettings s, Violations v) {
    if (s.image() == null || s.image().isBlank() || s.image().chars().anyMatch(c -> c <= ' ')) {
      v.add(field + ".image", "is required: the image to run, with no spaces");
    }
    if (s.command().size() > 50
        || s.command().stream().anyMatch(a -> a == null || a.length() > 1000)) {
      v.add(field + ".command", "at most 50 arguments of at most 1000 characters each");
    }
    Duration timeout = timeout(s);
    if (timeout.compareTo(Duration.ofSeconds(10)) < 0
        || timeout.compareTo(Duration.ofHours(2)) > 0) {
      v.add(
          field + ".timeout",
          "must be between 10s and 2h (got " + DurationText.format(timeout) + ")");
    }
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings s) {
    return runAt(release, s, PREFLIGHT, null, 0);
  }

  /** Runs the Job and waits for its end, at most its timeout. */
  @Override
  public PreflightResult runAt(
      ResolvedRelease release, PreflightSettings s, String phase, String stage, double weight) {
    ReleaseRequest r = release.request();
    String ns = cluster.namespace(r.environment());
    String name = jobName(r, phase, stage);
    Job job = job(ns, name, r, s, phase, stage, weight);
    KubernetesCalls.run(
        "create Job " + ns + "/" + name,
        () -> client.batch().v1().jobs().inNamespace(ns).resource(job).create());
    Duration timeout = timeout(s);
    long deadline = clock.now() + timeout.plus(poll).toMillis();
    while (true) {
      JobStatus status =
          KubernetesCalls.required(
                  "Job " + ns + "/" + name,
                  KubernetesCalls.call(
                      "read Job " + ns + "/" + name,
                      () -> client.batch().v1().jobs().inNamespace(ns).withName(name).get()))
              .getStatus();
      if (status != null && count(status.getSucceeded()) > 0) {
        return new PreflightResult(name(), true, "Job " + name + " succeeded" + log(ns, name));
      }
      if (status != null && count(status.getFailed()) > 0) {
        return new PreflightResult(name(), false, "Job " + name + " failed" + log(ns, name));
      }
      if (clock.now() >= deadline) {
        KubernetesCalls.run(
            "delete Job " + ns + "/" + name,
            () ->
                client
                    .batch()
                    .v1()
                    .jobs()
                    .inNamespace(ns)
                    .withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                    .delete());
        return PreflightResult.undecided(
            name(),
            "Job "
                + name
                + " did not finish within "
                + DurationText.format(timeout)
                + log(ns, name));
      }
      Activity.getExecutionContext().heartbeat(name);
      try {
        clock.sleep(poll);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure("interrupted waiting for Job " + name, "Interrupted");
      }
    }
  }

  private static Job job(
      String ns,
      String name,
      ReleaseRequest r,
      PreflightSettings s,
      String phase,
      String stage,
      double weight) {
    Map<String, String> env =
        Map.of(
            "ROLLWRIGHT_RELEASE_ID", r.releaseId(),
            "ROLLWRIGHT_SERVICE", r.service(),
            "ROLLWRIGHT_VERSION", r.version(),
            "ROLLWRIGHT_IMAGE", r.image(),
            "ROLLWRIGHT_ENVIRONMENT", r.environment(),
            "ROLLWRIGHT_PHASE", phase,
            "ROLLWRIGHT_STAGE", stage == null ? "" : stage,
            "ROLLWRIGHT_WEIGHT", stage == null ? "0" : Double.toString(weight));
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .addToLabels("app.kubernetes.io/managed-by", "rollwright")
        .addToAnnotations(KubernetesNames.RELEASE, r.releaseId())
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(timeout(s).toSeconds())
        .withTtlSecondsAfterFinished(3600)
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app.kubernetes.io/managed-by", "rollwright")
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName("check")
        .withImage(s.image())
        .withCommand(s.command().isEmpty() ? null : s.command())
        .withEnv(
            env.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new EnvVar(e.getKey(), e.getValue(), null))
                .toList())
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * A name of its own per run of the check: the service, and a hash of the release, the phase, the
   * stage and this activity attempt.
   */
  private static String jobName(ReleaseRequest r, String phase, String stage) {
    var info = Activity.getExecutionContext().getInfo();
    String key =
        String.join(
            "/",
            r.releaseId(),
            phase,
            stage == null ? "" : stage,
            info.getRunId(),
            info.getActivityId(),
            Integer.toString(info.getAttempt()));
    String service = r.service().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return (service.length() > 40 ? service.substring(0, 40) : service) + "-check-" + hash(key);
  }

  private static String hash(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The last lines of the Job's pod's log, on one line; or why there is none. */
  private String log(String ns, String name) {
    try {
      List<Pod> pods = client.pods().inNamespace(ns).withLabel("job-name", name).list().getItems();
      if (pods.isEmpty()) {
        return " (no pod to read a log from)";
      }
      // a plain GET of pods/log: the client's own log read may watch the pod until it is ready
      String tail =
          client.raw(
              "/api/v1/namespaces/"
                  + ns
                  + "/pods/"
                  + pods.get(0).getMetadata().getName()
                  + "/log?pretty=false&tailLines="
                  + LOG_LINES);
      if (tail == null || tail.isBlank()) {
        return " (its log is empty)";
      }
      String line = tail.strip().replaceAll("\\s*\\R\\s*", " | ");
      return "; log: "
          + (line.length() > LOG_CHARS ? "…" + line.substring(line.length() - LOG_CHARS) : line);
    } catch (KubernetesClientException e) {
      return " (its log could not be read: " + e.getCode() + ")";
    }
  }

  private static int count(Integer n) {
    return n == null ? 0 : n;
  }

  private static Duration timeout(PreflightSettings s) {
    return s.timeout() == null ? DEFAULT_TIMEOUT : s.timeout();
  }
}
