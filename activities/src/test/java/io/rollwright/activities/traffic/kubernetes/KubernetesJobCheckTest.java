package io.rollwright.activities.traffic.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.base.Registry;
import io.rollwright.activities.preflight.PreflightActivitiesImpl;
import io.rollwright.api.PreflightActivities;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.Violation;
import io.rollwright.policy.Violations;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code kubernetes-job} check against the mock API server, in Temporal's activity test
 * environment: the Job it creates (the release in its environment, one attempt), how its end is
 * judged, its log's tail in the result, and that deploy/kubernetes/job-checks grants exactly the
 * calls it makes. What the Job controller does is the mock's clock: each wait of the check moves
 * the Job on as {@link #onWait} says.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobCheckTest {
  private static final Path ROLE = Path.of("..", "deploy", "kubernetes", "job-checks", "role.yaml");
  private static final String AGENT = "rollwright-job-check";

  KubernetesMockServer server;
  KubernetesClient client;

  private final AtomicLong now = new AtomicLong(1_000_000);
  private Consumer<Job> onWait = job -> {};
  private TestActivityEnvironment env;

  private PreflightActivities checks() {
    KubernetesClient worker =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(client.getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .withUserAgent(AGENT)
                    .build())
            .build();
    ActivityClock clock =
        new ActivityClock() {
          @Override
          public long now() {
            return now.get();
          }

          @Override
          public void sleep(Duration d) {
            now.addAndGet(d.toMillis());
            client.batch().v1().jobs().inNamespace("prod").list().getItems().forEach(onWait);
          }
        };
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new PreflightActivitiesImpl(
            new Registry<>(
                "pre-flight check",
                Map.of(
                    KubernetesJobCheck.NAME,
                    new KubernetesJobCheck(
                        worker, KubernetesCluster.DEFAULT, clock, Duration.ofSeconds(2))))));
    return env.newActivityStub(
        PreflightActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
  }

  private static PreflightSettings smoke(Duration timeout) {
    return new PreflightSettings(
        KubernetesJobCheck.NAME,
        null,
        null,
        null,
        null,
        timeout,
        null,
        null,
        "registry.example/checkout-smoke:1.0",
        List.of("/smoke", "--suite", "checkout"));
  }

  private static ResolvedRelease release() {
    return new ResolvedRelease(
        new ReleaseRequest(
            "checkout",
            "2.3.0",
            "registry.example/checkout:2.3.0",
            "prod",
            Strategy.CANARY,
            null,
            null,
            "alice",
            null,
            null),
        new ReleasePolicy(
            "p",
            null,
            null,
            "gateway-api",
            null,
            List.of(),
            List.of(),
            List.of(),
            Map.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null),
        "test");
  }

  /** Marks the Job ended, {@code succeeded} or not, with its pod, as the Job controller would. */
  private Consumer<Job> ends(boolean succeeded) {
    return job -> {
      String name = job.getMetadata().getName();
      client
          .pods()
          .inNamespace("prod")
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName(name + "-x7k2p")
                  .addToLabels("job-name", name)
                  .endMetadata()
                  .build())
          .createOr(o -> o.update());
      job.setStatus(
          succeeded
              ? new JobStatusBuilder().withSucceeded(1).build()
              : new JobStatusBuilder().withFailed(1).build());
      client.batch().v1().jobs().inNamespace("prod").resource(job).updateStatus();
    };
  }

  @Test
  void aJobThatSucceedsPassesAndRunsWithTheReleaseInItsEnvironment() {
    onWait = ends(true);
    PreflightResult result =
        checks().runStageChecks(release(), "canary-50", 50, List.of(smoke(null))).get(0);

    assertTrue(result.passed(), result.toString());
    assertTrue(
        result.detail().matches("Job checkout-check-[0-9a-f]{10} succeeded.*"), result.detail());
    Job job = client.batch().v1().jobs().inNamespace("prod").list().getItems().get(0);
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals("registry.example/checkout-smoke:1.0", container.getImage());
    assertEquals(List.of("/smoke", "--suite", "checkout"), container.getCommand());
    Map<String, String> envVars =
        container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertEquals("2.3.0", envVars.get("ROLLWRIGHT_VERSION"));
    assertEquals("before-stage", envVars.get("ROLLWRIGHT_PHASE"));
    assertEquals("canary-50", envVars.get("ROLLWRIGHT_STAGE"));
    assertEquals("50.0", envVars.get("ROLLWRIGHT_WEIGHT"));
    assertEquals(0, job.getSpec().getBackoffLimit(), "one attempt: the check judges it");
    assertEquals(600L, job.getSpec().getActiveDeadlineSeconds(), "the default timeout, 10m");
    assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy());
  }

  @Test
  void aFailedJobFailsTheCheckWithTheTailOfItsLog() {
    Consumer<Job> failed = ends(false);
    onWait =
        job -> {
          failed.accept(job);
          server
              .expect()
              .get()
              .withPath(
                  "/api/v1/namespaces/prod/pods/"
                      + job.getMetadata().getName()
                      + "-x7k2p/log?pretty=false&tailLines=20")
              .andReturn(200, "suite checkout\n  cart ok\n  pay FAILED: 500 from /pay\n")
              .always();
        };
    PreflightResult result = checks().runChecks(release(), List.of(smoke(null))).get(0);

    assertFalse(result.passed());
    assertTrue(result.failed(), "a failure, not an unanswered check");
    assertTrue(
        result
            .detail()
            .matches(
                "Job checkout-check-[0-9a-f]{10} failed; log: suite checkout \\| cart ok \\|"
                    + " pay FAILED: 500 from /pay"),
        result.detail());
  }

  @Test
  void aJobStillRunningAtItsTimeoutIsInconclusiveAndDeleted() {
    PreflightResult result =
        checks().runChecks(release(), List.of(smoke(Duration.ofSeconds(10)))).get(0);

    assertFalse(result.passed());
    assertFalse(result.failed(), "inconclusive: nobody can tell");
    assertTrue(result.detail().contains("did not finish within 10s"), result.detail());
    assertTrue(
        client.batch().v1().jobs().inNamespace("prod").list().getItems().isEmpty(),
        "the Job that outlived its timeout is deleted");
  }

  @Test
  void settingsAreCheckedWhenThePolicyIsResolved() {
    Violations v = new Violations();
    KubernetesJobCheck check =
        new KubernetesJobCheck(client, KubernetesCluster.DEFAULT, null, Duration.ofSeconds(1));
    check.checkSettings("policy.preflight[0]", smoke(Duration.ofHours(3)), v);
    check.checkSettings(
        "policy.preflight[1]",
        new PreflightSettings(
            KubernetesJobCheck.NAME, null, null, null, null, null, null, null, null, null),
        v);
    assertEquals(
        List.of(
            "policy.preflight[0].timeout: must be between 10s and 2h (got 3h)",
            "policy.preflight[1].image: is required: the image to run, with no spaces"),
        v.list().stream().map(Violation::toString).toList());
  }

  @Test
  void jobChecksRoleGrantsExactlyWhatTheCheckCalls() throws Exception {
    onWait = ends(true);
    checks().runSoakChecks(release(), "canary-50", 50, List.of(smoke(null)));
    PreflightActivities more = checks();
    onWait = job -> {};
    more.runChecks(release(), List.of(smoke(Duration.ofSeconds(10))));

    Set<String> used = RbacCalls.used(server, AGENT);
    Set<String> granted = RbacCalls.granted(ROLE);
    assertEquals(granted, used);
    assertEquals(
        granted,
        KubernetesJobCheck.PERMISSIONS.stream()
            .map(p -> p.verb() + " " + p.group() + "/" + p.resource())
            .collect(Collectors.toCollection(TreeSet::new)));
  }
}
