package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.rollwright.activities.traffic.WorkloadManager;
import io.rollwright.api.TrafficTarget;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The canary as a Deployment beside the stable one: a copy of the stable Deployment with the new
 * image, its pods labelled {@code track: canary}, annotated with the release. Every write is
 * create-or-update or an edit of what was just read, so repeating it changes nothing; availability
 * is what the Deployment controller reports.
 */
public final class KubernetesWorkloads implements WorkloadManager {
  /** On an idled stable Deployment: the replica count to wake it to. */
  static final String IDLE = "rollwright.io/idle-replicas";

  private final KubernetesClient client;
  private final DeploymentRollout rollout;
  private final boolean canaryStartsEmpty;

  /**
   * @param canaryStartsEmpty true when the router shifts traffic by replica counts, so the canary
   *     starts with no pods; otherwise it starts with as many as stable
   */
  KubernetesWorkloads(
      KubernetesClient client, DeploymentRollout rollout, boolean canaryStartsEmpty) {
    this.client = client;
    this.rollout = rollout;
    this.canaryStartsEmpty = canaryStartsEmpty;
  }

  @Override
  public void deployCanary(TrafficTarget t) {
    String ns = rollout.namespace(t);
    Deployment canary = canaryOf(rollout.required(ns, KubernetesNames.stable(t), "stable"), t);
    Deployment existing = rollout.read(ns, canary.getMetadata().getName());
    Map<String, String> annotations =
        existing == null
            ? Map.of()
            : Objects.requireNonNullElse(existing.getMetadata().getAnnotations(), Map.of());
    if (t.releaseId().equals(annotations.get(KubernetesNames.RELEASE))) {
      // a canary of this service and environment from before: where replicas carry the traffic it
      // keeps what its router gave it (a retry must not shrink it); a weighted router's canary
      // always starts as large as stable, even where an earlier release left it at zero
      if (canaryStartsEmpty) {
        canary.getSpec().setReplicas(existing.getSpec().getReplicas());
      }
      canary.getMetadata().setAnnotations(new HashMap<>(annotations));
    }
    KubernetesCalls.run(
        "create or update Deployment " + ns + "/" + canary.getMetadata().getName(),
        () -> client.resource(canary).inNamespace(ns).createOr(NonDeletingOperation::update));
    rollout.awaitAvailable(ns, KubernetesNames.canary(t));
  }

  @Override
  public boolean canaryRuns(TrafficTarget t) {
    Deployment canary = rollout.read(rollout.namespace(t), KubernetesNames.canary(t));
    return canary != null
        && t.releaseId()
            .equals(
                Objects.requireNonNullElse(canary.getMetadata().getAnnotations(), Map.of())
                    .get(KubernetesNames.RELEASE))
        && t.image().equals(container(canary, t).getImage());
  }

  @Override
  public boolean stableRuns(TrafficTarget t) {
    Deployment stable = rollout.required(rollout.namespace(t), KubernetesNames.stable(t), "stable");
    return t.image().equals(container(stable, t).getImage())
        && DeploymentRollout.notAvailable(stable) == null;
  }

  @Override
  public void promoteStable(TrafficTarget t) {
    String ns = rollout.namespace(t);
    String name = KubernetesNames.stable(t);
    rollout.edit(ns, name, "update image", d -> withImage(d, t));
    rollout.awaitAvailable(ns, name);
  }

  @Override
  public void scaleCanaryToZero(TrafficTarget t) {
    String ns = rollout.namespace(t);
    String name = KubernetesNames.canary(t);
    if (rollout.read(ns, name) != null) {
      rollout.scale(ns, name, 0, d -> d);
    }
  }

  /**
   * Scales stable to zero, its count kept in an annotation; the Deployment and its revisions stay.
   * An idled stable is left as it is.
   */
  @Override
  public void idleStable(TrafficTarget t) {
    String ns = rollout.namespace(t);
    String name = KubernetesNames.stable(t);
    Deployment stable = rollout.required(ns, name, "stable");
    int replicas = DeploymentRollout.replicas(stable);
    if (replicas == 0) {
      return;
    }
    String idle = DeploymentRollout.annotation(stable, IDLE);
    rollout.scale(
        ns,
        name,
        0,
        DeploymentRollout.annotate(IDLE, idle != null ? idle : String.valueOf(replicas)));
  }

  /**
   * Scales an idled stable back to the count it had and waits until all are available; only then is
   * the annotation cleared, so a retry finds it again.
   */
  @Override
  public void wakeStable(TrafficTarget t) {
    String ns = rollout.namespace(t);
    String name = KubernetesNames.stable(t);
    String idle = DeploymentRollout.annotation(rollout.required(ns, name, "stable"), IDLE);
    if (idle == null) {
      return;
    }
    rollout.scaleAndAwait(ns, name, Integer.parseInt(idle), UnaryOperator.identity());
    rollout.edit(ns, name, "clear " + IDLE, DeploymentRollout.annotate(IDLE, null));
  }

  private Deployment canaryOf(Deployment stable, TrafficTarget t) {
    Map<String, String> labels =
        new HashMap<>(Objects.requireNonNullElse(stable.getMetadata().getLabels(), Map.of()));
    labels.put(KubernetesNames.TRACK, "canary");
    Deployment canary =
        new DeploymentBuilder(stable)
            .withNewMetadata()
            .withName(KubernetesNames.canary(t))
            .withNamespace(rollout.namespace(t))
            .withLabels(labels)
            .addToAnnotations(KubernetesNames.RELEASE, t.releaseId())
            .endMetadata()
            .editSpec()
            .withReplicas(canaryStartsEmpty ? 0 : stable.getSpec().getReplicas())
            .editSelector()
            .addToMatchLabels(KubernetesNames.TRACK, "canary")
            .endSelector()
            .editTemplate()
            .editMetadata()
            .addToLabels(KubernetesNames.TRACK, "canary")
            .endMetadata()
            .endTemplate()
            .endSpec()
            .withStatus(null)
            .build();
    return withImage(canary, t);
  }

  private static Deployment withImage(Deployment d, TrafficTarget t) {
    container(d, t).setImage(t.image());
    return d;
  }

  /** The container named after the service, or the only container. */
  private static Container container(Deployment d, TrafficTarget t) {
    var containers = d.getSpec().getTemplate().getSpec().getContainers();
    Container target =
        containers.stream()
            .filter(c -> t.service().equals(c.getName()))
            .findFirst()
            .orElse(containers.size() == 1 ? containers.get(0) : null);
    if (target == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Deployment "
              + d.getMetadata().getName()
              + " has no container named "
              + t.service()
              + " (and more than one container)",
          "NoContainer");
    }
    return target;
  }
}
