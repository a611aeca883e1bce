package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.RollbackReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The {@code kubernetes-job} check on the real control plane, the worker bound to the shipped
 * job-checks Role: before the second stage the team's smoke tests run as a Job, with the release in
 * their environment, and the Job controller runs it (kwok completes its pod, or fails it for the
 * failing image). {@code web}'s Job succeeds and it promotes; {@code api}'s fails and it rolls back
 * from 25%, naming the Job.
 */
class JobCheckIT extends RealClusterTest {
  private static final String NS = "smoke";

  @Test
  void aJobThatSucceedsLetsTheStageGoOnAndOneThatFailsRollsBack() throws Exception {
    cluster.releaseNamespace(NS);
    cluster.jobChecks(NS);
    cluster.service(NS, "web", REPLICAS, image("web", OLD));
    cluster.service(NS, "api", REPLICAS, image("api", OLD));
    ReleaseResult web;
    ReleaseResult api;
    List<String> checked;
    try (AppProcess worker = clusterWorker("job-checks")) {
      start(request(NS, "web", "cluster-smoked"));
      start(request(NS, "api", "cluster-smoke-failing"));
      web = result("web@" + NS, Duration.ofMinutes(2));
      api = result("api@" + NS, Duration.ofMinutes(2));
      checked =
          release("web@" + NS).status().audit().stream()
              .filter(e -> e.action().equals("checked"))
              .map(AuditEntry::detail)
              .toList();
    }
    List<Job> jobs = cluster.jobs(NS);
    Job webJob =
        jobs.stream()
            .filter(j -> j.getMetadata().getName().startsWith("web-check-"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Job for web: " + jobs));
    Map<String, String> env =
        webJob.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
            .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertAll(
        () -> assertEquals(ReleaseOutcome.PROMOTED, web.outcome(), web::toString),
        () -> assertEquals(image("web", NEW), cluster.image(NS, "web")),
        () -> assertEquals(1, webJob.getStatus().getSucceeded(), webJob::toString),
        () -> assertEquals(NEW, env.get("ROLLWRIGHT_VERSION")),
        () -> assertEquals("canary-50", env.get("ROLLWRIGHT_STAGE")),
        () ->
            assertTrue(
                checked.size() == 1
                    && checked
                        .get(0)
                        .matches(
                            "before stage canary-50: kubernetes-job: Job web-check-[0-9a-f]{10}"
                                + " succeeded.*"),
                "the Job's result is in the audit: " + checked),
        () -> assertEquals(ReleaseOutcome.ROLLED_BACK, api.outcome(), api::toString),
        () -> assertEquals(RollbackReason.ANALYSIS, api.rollbackReason(), api::toString),
        () ->
            assertTrue(
                api.detail()
                    .matches(
                        "before stage canary-50: kubernetes-job: Job api-check-[0-9a-f]{10} failed.*"),
                api::detail),
        () -> assertEquals(image("api", OLD), cluster.image(NS, "api")),
        () -> assertEquals(REPLICAS, cluster.available(NS, "api")));
  }
}
