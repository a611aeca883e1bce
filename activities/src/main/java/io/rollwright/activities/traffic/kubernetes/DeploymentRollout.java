package io.rollwright.activities.traffic.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwright.activities.base.ActivityClock;
import io.rollwright.api.TrafficTarget;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Scales Deployments and waits, heartbeating and bounded by the progress deadline, until what the
 * Deployment controller reports is available: every replica of the current generation updated and
 * available. Pods that never become available fail with the controller's own reasons.
 */
final class DeploymentRollout {
  static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

  private final KubernetesClient client;
  private final KubernetesCluster cluster;
  private final ActivityClock clock;
  private final Duration progressDeadline;
  private final Duration poll;

  DeploymentRollout(
      KubernetesClient client,
      KubernetesCluster cluster,
      ActivityClock clock,
      Duration progressDeadline,
      Duration poll) {
    this.client = client;
    this.cluster = cluster;
    this.clock = clock;
    this.progressDeadline = progressDeadline;
    this.poll = poll;
  }

  /** The namespace of {@code t}'s objects in this cluster. */
  String namespace(TrafficTarget t) {
    return cluster.namespace(t);
  }

  /** The Deployment, or null when it does not exist. */
  Deployment read(String ns, String name) {
    return KubernetesCalls.call(
        "read Deployment " + ns + "/" + name,
        () -> client.apps().deployments().inNamespace(ns).withName(name).get());
  }

  /**
   * The Deployment, or a final failure naming {@code role} ("stable", "canary") when it does not
   * exist.
   */
  Deployment required(String ns, String name, String role) {
    return KubernetesCalls.required(role + " Deployment " + ns + "/" + name, read(ns, name));
  }

  /** Edits the Deployment as read now (re-read and re-applied on a conflict). */
  void edit(String ns, String name, String what, UnaryOperator<Deployment> change) {
    KubernetesCalls.run(
        what + " of Deployment " + ns + "/" + name,
        () -> client.apps().deployments().inNamespace(ns).withName(name).edit(change));
  }

  /** Sets the replica count, applying {@code alsoChange} in the same write. */
  void scale(String ns, String name, int replicas, UnaryOperator<Deployment> alsoChange) {
    edit(
        ns,
        name,
        "scale to " + replicas,
        d -> {
          d.getSpec().setReplicas(replicas);
          return alsoChange.apply(d);
        });
  }

  /** Scales and returns once that many replicas are available. */
  void scaleAndAwait(String ns, String name, int replicas, UnaryOperator<Deployment> alsoChange) {
    scale(ns, name, replicas, alsoChange);
    awaitAvailable(ns, name);
  }

  /**
   * Returns once the Deployment has replicas and all of them are available: traffic may go to it.
   * One scaled to zero is refused at once, naming it, rather than sent traffic no pod serves.
   */
  void awaitServing(String ns, String name) {
    if (replicas(required(ns, name, "the")) == 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Deployment " + ns + "/" + name + " has no replicas: no traffic can go to it",
          "NoReplicas");
    }
    awaitAvailable(ns, name);
  }

  /**
   * Returns once the Deployment's current generation is rolled out and all its replicas are
   * available.
   */
  void awaitAvailable(String ns, String name) {
    long deadline = clock.now() + progressDeadline.toMillis();
    while (true) {
      Deployment d = required(ns, name, "the");
      String missing = notAvailable(d);
      if (missing == null) {
        return;
      }
      if (clock.now() >= deadline) {
        throw ApplicationFailure.newNonRetryableFailure(
            "Deployment "
                + ns
                + "/"
                + name
                + " not available after "
                + describe(progressDeadline)
                + ": "
                + missing
                + problems(d),
            DEADLINE_EXCEEDED);
      }
      Activity.getExecutionContext().heartbeat(missing);
      try {
        clock.sleep(poll);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure(
            "interrupted waiting for Deployment " + ns + "/" + name, "Interrupted");
      }
    }
  }

  /** Why the Deployment is not fully available yet, or null when it is. */
  static String notAvailable(Deployment d) {
    int want = replicas(d);
    DeploymentStatus s = d.getStatus();
    long generation = Objects.requireNonNullElse(d.getMetadata().getGeneration(), 0L);
    if (s == null || s.getObservedGeneration() == null || s.getObservedGeneration() < generation) {
      return "the controller has not observed generation " + generation + " yet";
    }
    if (want == 0) {
      return null;
    }
    int updated = Objects.requireNonNullElse(s.getUpdatedReplicas(), 0);
    int available = Objects.requireNonNullElse(s.getAvailableReplicas(), 0);
    int old = Objects.requireNonNullElse(s.getReplicas(), 0) - updated;
    if (updated < want || available < want) {
      return updated + "/" + want + " replicas updated, " + available + "/" + want + " available";
    }
    if (old > 0) {
      // old pods still count as available while updated ones are not ready yet
      return old + " old replica(s) still running beside " + updated + " updated";
    }
    return null;
  }

  /** A change that sets annotation {@code key} to {@code value}, or removes it when null. */
  static UnaryOperator<Deployment> annotate(String key, String value) {
    return d -> {
      Map<String, String> annotations =
          new HashMap<>(Objects.requireNonNullElse(d.getMetadata().getAnnotations(), Map.of()));
      if (value == null) {
        annotations.remove(key);
      } else {
        annotations.put(key, value);
      }
      d.getMetadata().setAnnotations(annotations);
      return d;
    };
  }

  /** The Deployment's annotation {@code key}, or null. */
  static String annotation(Deployment d, String key) {
    return d.getMetadata().getAnnotations() == null
        ? null
        : d.getMetadata().getAnnotations().get(key);
  }

  static int replicas(Deployment d) {
    return d == null ? 0 : Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
  }

  static int available(Deployment d) {
    return d == null || d.getStatus() == null
        ? 0
        : Objects.requireNonNullElse(d.getStatus().getAvailableReplicas(), 0);
  }

  /**
   * The controller's complaints (a replica failure such as an exceeded quota, a stalled rollout),
   * if any.
   */
  private static String problems(Deployment d) {
    List<DeploymentCondition> conditions =
        d.getStatus() == null || d.getStatus().getConditions() == null
            ? List.of()
            : d.getStatus().getConditions();
    String said =
        conditions.stream()
            .filter(
                c ->
                    ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus()))
                        || ("Progressing".equals(c.getType()) && "False".equals(c.getStatus()))
                        || ("Available".equals(c.getType()) && "False".equals(c.getStatus())))
            .map(c -> c.getReason() + ": " + c.getMessage())
            .collect(Collectors.joining("; "));
    return said.isEmpty() ? "" : " (" + said + ")";
  }

  private static String describe(Duration d) {
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
  }
}
