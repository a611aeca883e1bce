package io.rollwright.activities.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.rollwright.activities.ActivityClock;
import io.rollwright.activities.traffic.WorkloadManager;
import io.rollwright.api.TrafficTarget;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The canary as a Deployment beside the stable one: a copy of the stable Deployment with the new
 * image, its pods labelled {@code track: canary}, annotated with the release. Every write is
 * create-or-update or an edit of what was just read, so repeating it changes nothing; readiness is
 * what the Deployment controller reports (observed generation, updated and available replicas).
 */
public final class KubernetesWorkloads implements WorkloadManager {
  private final KubernetesClient client;
  private final ActivityClock clock;
  private final Duration progressDeadline;
  private final Duration poll;
  private final boolean canaryStartsEmpty;

  /**
   * @param canaryStartsEmpty true when the router shifts traffic by replica counts, so the canary
   *     starts with no pods; otherwise it starts with as many as stable
   */
  public KubernetesWorkloads(KubernetesClient client, ActivityClock clock, Duration progressDeadline, Duration poll,
      boolean canaryStartsEmpty) {
    this.client = client;
    this.clock = clock;
    this.progressDeadline = progressDeadline;
    this.poll = poll;
    this.canaryStartsEmpty = canaryStartsEmpty;
  }

  @Override
  public void deployCanary(TrafficTarget t) {
    String ns = KubernetesNames.namespace(t);
    Deployment stable = stable(t);
    Deployment canary = canaryOf(stable, t);
    KubernetesCalls.run("create or update Deployment " + ns + "/" + canary.getMetadata().getName(),
        () -> client.resource(canary).inNamespace(ns).createOr(NonDeletingOperation::update));
    awaitReady(ns, KubernetesNames.canary(t));
  }

  @Override
  public void promoteStable(TrafficTarget t) {
    String ns = KubernetesNames.namespace(t);
    String name = KubernetesNames.stable(t);
    KubernetesCalls.run("update image of Deployment " + ns + "/" + name, () -> client.apps().deployments().inNamespace(ns)
        .withName(name).edit(d -> withImage(d, t)));
    awaitReady(ns, name);
  }

  @Override
  public void scaleCanaryToZero(TrafficTarget t) {
    String ns = KubernetesNames.namespace(t);
    String name = KubernetesNames.canary(t);
    KubernetesCalls.run("scale Deployment " + ns + "/" + name + " to zero", () -> {
      if (client.apps().deployments().inNamespace(ns).withName(name).get() != null) {
        client.apps().deployments().inNamespace(ns).withName(name).edit(d -> {
          d.getSpec().setReplicas(0);
          return d;
        });
      }
    });
  }

  private Deployment stable(TrafficTarget t) {
    String what = "stable Deployment " + KubernetesNames.namespace(t) + "/" + KubernetesNames.stable(t);
    return KubernetesCalls.required(what, KubernetesCalls.call(what,
        () -> client.apps().deployments().inNamespace(KubernetesNames.namespace(t)).withName(KubernetesNames.stable(t)).get()));
  }

  private Deployment canaryOf(Deployment stable, TrafficTarget t) {
    Map<String, String> labels = new HashMap<>(Objects.requireNonNullElse(stable.getMetadata().getLabels(), Map.of()));
    labels.put(KubernetesNames.TRACK, "canary");
    Deployment canary = new DeploymentBuilder(stable)
        .withNewMetadata()
          .withName(KubernetesNames.canary(t))
          .withNamespace(KubernetesNames.namespace(t))
          .withLabels(labels)
          .addToAnnotations(KubernetesNames.RELEASE, t.releaseId())
        .endMetadata()
        .editSpec()
          .withReplicas(canaryStartsEmpty ? 0 : stable.getSpec().getReplicas())
          .editSelector().addToMatchLabels(KubernetesNames.TRACK, "canary").endSelector()
          .editTemplate().editMetadata().addToLabels(KubernetesNames.TRACK, "canary").endMetadata().endTemplate()
        .endSpec()
        .withStatus(null)
        .build();
    return withImage(canary, t);
  }

  /** Sets the image of the container named after the service (or the only container). */
  private static Deployment withImage(Deployment d, TrafficTarget t) {
    var containers = d.getSpec().getTemplate().getSpec().getContainers();
    Container target = containers.stream().filter(c -> t.service().equals(c.getName())).findFirst()
        .orElse(containers.size() == 1 ? containers.get(0) : null);
    if (target == null) {
      throw ApplicationFailure.newNonRetryableFailure("Deployment " + d.getMetadata().getName()
          + " has no container named " + t.service() + " (and more than one container)", "NoContainer");
    }
    target.setImage(t.image());
    return d;
  }

  private void awaitReady(String ns, String name) {
    long deadline = clock.now() + progressDeadline.toMillis();
    while (true) {
      Deployment d = KubernetesCalls.required("Deployment " + ns + "/" + name,
          KubernetesCalls.call("read Deployment " + ns + "/" + name, () -> client.apps().deployments().inNamespace(ns).withName(name).get()));
      String missing = notReady(d);
      if (missing == null) {
        return;
      }
      if (clock.now() >= deadline) {
        throw ApplicationFailure.newNonRetryableFailure("Deployment " + ns + "/" + name + " not ready after "
            + progressDeadline.toMinutes() + "m: " + missing, "ProgressDeadlineExceeded");
      }
      Activity.getExecutionContext().heartbeat(missing);
      try {
        clock.sleep(poll);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure("interrupted waiting for " + name, "Interrupted");
      }
    }
  }

  /** Why the Deployment is not rolled out yet, or null when it is. */
  static String notReady(Deployment d) {
    int want = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
    DeploymentStatus s = d.getStatus();
    long generation = Objects.requireNonNullElse(d.getMetadata().getGeneration(), 0L);
    if (want == 0) {
      return null;
    }
    if (s == null || s.getObservedGeneration() == null || s.getObservedGeneration() < generation) {
      return "the controller has not observed generation " + generation + " yet";
    }
    int updated = Objects.requireNonNullElse(s.getUpdatedReplicas(), 0);
    int available = Objects.requireNonNullElse(s.getAvailableReplicas(), 0);
    if (updated < want || available < want) {
      return updated + "/" + want + " replicas updated, " + available + "/" + want + " available";
    }
    return null;
  }
}
