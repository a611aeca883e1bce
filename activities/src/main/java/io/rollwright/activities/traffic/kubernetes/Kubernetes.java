package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.activities.traffic.WorkloadManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes extension set: three traffic routers by the names policies use, each with its
 * workload manager.
 */
public final class Kubernetes implements ExtensionSet, AutoCloseable {
  public static final String REPLICA_RATIO = "replica-ratio";
  public static final String GATEWAY_API = "gateway-api";
  public static final String NGINX_INGRESS = "nginx-ingress";

  private final KubernetesClient client;
  private final KubernetesCluster cluster;
  private final DeploymentRollout rollout;
  private final Map<String, KubernetesRouter> routers;
  private final KubernetesJobCheck jobCheck;

  /**
   * @param progressDeadline how long pods may take to become available before the step fails
   * @param poll how often availability is read
   */
  public Kubernetes(
      KubernetesClient client, ActivityClock clock, Duration progressDeadline, Duration poll) {
    this(client, KubernetesCluster.DEFAULT, clock, progressDeadline, poll);
  }

  /**
   * The set for {@code cluster}, whose environments' namespaces it names, through {@code client}.
   */
  public Kubernetes(
      KubernetesClient client,
      KubernetesCluster cluster,
      ActivityClock clock,
      Duration progressDeadline,
      Duration poll) {
    this.client = client;
    this.cluster = cluster;
    this.rollout = new DeploymentRollout(client, cluster, clock, progressDeadline, poll);
    this.routers =
        Map.of(
            REPLICA_RATIO, new ReplicaRatioRouter(rollout),
            GATEWAY_API, new GatewayApiRouter(client, rollout, cluster.cohorts()),
            NGINX_INGRESS, new NginxIngressRouter(client, rollout, cluster.cohorts()));
    this.jobCheck = new KubernetesJobCheck(client, cluster, clock, poll);
  }

  @Override
  public Map<String, TrafficRouter> routers() {
    return Map.copyOf(routers);
  }

  /** The router of that name, with what it needs. */
  public KubernetesRouter router(String name) {
    return routers.get(name);
  }

  /**
   * The Kubernetes pre-flight checks, {@code kubernetes-target} and {@code kubernetes-access}, each
   * asking the release's router what it needs, and {@code kubernetes-job}, which runs an image as a
   * Job (at pre-flight, before or during a stage).
   */
  @Override
  public List<PreflightCheck> preflightChecks() {
    return List.of(
        new KubernetesTargetCheck(client, cluster, routers),
        new KubernetesAccessCheck(client, cluster, routers),
        jobCheck);
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public Map<String, WorkloadManager> workloads() {
    WorkloadManager weighted = new KubernetesWorkloads(client, rollout, false);
    return Map.of(
        REPLICA_RATIO, new KubernetesWorkloads(client, rollout, true),
        GATEWAY_API, weighted,
        NGINX_INGRESS, weighted);
  }
}
