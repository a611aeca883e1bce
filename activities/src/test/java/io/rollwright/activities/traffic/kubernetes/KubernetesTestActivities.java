package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rollwright.activities.base.Registry;
import io.rollwright.activities.base.SystemActivityClock;
import io.rollwright.activities.traffic.TrafficActivitiesImpl;
import io.rollwright.activities.traffic.TrafficTestStubs;
import io.rollwright.api.TrafficActivities;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;

/**
 * The traffic activities on the Kubernetes routers, run in Temporal's activity test environment
 * (real heartbeats, one attempt per call) against a mock API server. Their client identifies itself
 * with {@link #USER_AGENT} and does not retry 5xx itself, so an injected failure reaches the
 * activity as a crash would.
 */
final class KubernetesTestActivities implements AutoCloseable {
  static final String USER_AGENT = "rollwright-activities";

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();

  KubernetesTestActivities(KubernetesClient server) {
    this(server, KubernetesCluster.DEFAULT);
  }

  /** The activities on {@code cluster}, whose API server is {@code server}. */
  KubernetesTestActivities(KubernetesClient server, KubernetesCluster cluster) {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(server.getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .withUserAgent(USER_AGENT)
                    .build())
            .build();
    Kubernetes kubernetes =
        new Kubernetes(
            client,
            cluster,
            new SystemActivityClock(),
            Duration.ofSeconds(20),
            Duration.ofMillis(50));
    env.registerActivitiesImplementations(
        new TrafficActivitiesImpl(
            new Registry<>("traffic router", kubernetes.routers()),
            new Registry<>("workload manager", kubernetes.workloads())));
  }

  TrafficActivities traffic() {
    return TrafficTestStubs.traffic(env);
  }

  @Override
  public void close() {
    env.close();
  }
}
