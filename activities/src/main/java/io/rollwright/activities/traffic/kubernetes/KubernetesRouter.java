package io.rollwright.activities.traffic.kubernetes;

import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.api.TrafficTarget;
import java.util.List;

/**
 * A traffic router that edits Kubernetes objects, saying what it needs: the pre-flight checks
 * {@code kubernetes-access} and {@code kubernetes-target} ask it, so they check exactly what a
 * release through it will call and read.
 */
public interface KubernetesRouter extends TrafficRouter {
  /** The permissions of its own calls in the target namespace, beyond the canary workload's. */
  List<KubernetesPermissions.Permission> permissions();

  /** What it edits that is missing for {@code target}, said for a person; null when all exists. */
  String missingRoute(TrafficTarget target);
}
