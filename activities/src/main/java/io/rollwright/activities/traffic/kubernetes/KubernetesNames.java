package io.rollwright.activities.traffic.kubernetes;

import io.rollwright.api.TrafficTarget;

/**
 * What a release's objects are named (their namespace is the environment's, {@link
 * KubernetesCluster#namespace}): the stable Deployment is named after the service and the canary
 * adds {@code -canary}. Services and routes follow the same rule: {@code <service>-stable} and
 * {@code <service>-canary} behind an HTTPRoute or Ingress named {@code <service>}.
 */
public final class KubernetesNames {
  public static final String TRACK = "track";
  public static final String RELEASE = "rollwright.io/release";

  private KubernetesNames() {}

  public static String stable(TrafficTarget t) {
    return t.service();
  }

  public static String canary(TrafficTarget t) {
    return t.service() + "-canary";
  }

  public static String stableService(TrafficTarget t) {
    return t.service() + "-stable";
  }

  public static String canaryService(TrafficTarget t) {
    return t.service() + "-canary";
  }
}
