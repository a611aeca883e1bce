package io.rollwright.worker.extension;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.base.ActivityClock;
import io.rollwright.activities.traffic.kubernetes.CohortMatch;
import io.rollwright.activities.traffic.kubernetes.Kubernetes;
import io.rollwright.activities.traffic.kubernetes.KubernetesCluster;
import io.rollwright.activities.traffic.kubernetes.KubernetesTargets;
import io.rollwright.worker.extension.KubernetesProperties.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kubernetes routers and their checks, when {@code rollwright.kubernetes.enabled} is true: on
 * the worker's own cluster, and on each cluster a target names.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rollwright.kubernetes.enabled", havingValue = "true")
@EnableConfigurationProperties(KubernetesProperties.class)
public class KubernetesConfiguration {
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /** Their clients close with the application. */
  @Bean
  ExtensionSet kubernetes(KubernetesProperties settings, ActivityClock clock) {
    Map<String, Cluster> clusterOf = new HashMap<>();
    Map<Cluster, Map<String, String>> namespaces = new LinkedHashMap<>();
    namespaces.put(Cluster.OWN, new HashMap<>());
    settings
        .targets()
        .forEach(
            (environment, target) -> {
              Cluster cluster = Cluster.of(environment, target);
              clusterOf.put(environment, cluster);
              namespaces
                  .computeIfAbsent(cluster, c -> new HashMap<>())
                  .put(environment, namespace(environment, target));
            });
    Map<Cluster, Kubernetes> sets = new LinkedHashMap<>();
    try {
      namespaces.forEach(
          (cluster, byEnvironment) ->
              sets.put(
                  cluster,
                  new Kubernetes(
                      cluster.client(),
                      new KubernetesCluster(cluster.name(), byEnvironment, cohorts(settings)),
                      clock,
                      settings.progressDeadline(),
                      settings.poll())));
    } catch (RuntimeException e) {
      sets.values().forEach(Kubernetes::close);
      throw e;
    }
    if (clusterOf.isEmpty()) {
      return sets.get(Cluster.OWN);
    }
    Map<String, Kubernetes> byEnvironment = new HashMap<>();
    clusterOf.forEach((environment, cluster) -> byEnvironment.put(environment, sets.get(cluster)));
    return new KubernetesTargets(sets.get(Cluster.OWN), byEnvironment);
  }

  /** How routes tell a cohort's requests, as {@code rollwright.kubernetes.cohorts} says. */
  private static CohortMatch cohorts(KubernetesProperties settings) {
    try {
      return CohortMatch.of(settings.cohorts().match(), settings.cohorts().name());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("rollwright.kubernetes.cohorts: " + e.getMessage());
    }
  }

  /** The target's namespace, its environment's name when it names none; refused when invalid. */
  private static String namespace(String environment, Target target) {
    String ns = target == null ? null : target.namespace();
    ns = ns == null || ns.isBlank() ? environment : ns;
    if (ns.length() > 63 || !NAMESPACE.matcher(ns).matches()) {
      throw new IllegalStateException(
          "rollwright.kubernetes.targets."
              + environment
              + ".namespace: '"
              + ns
              + "' is not a Kubernetes namespace name (lower-case letters, digits and '-',"
              + " at most 63)");
    }
    return ns;
  }

  /** A cluster as targets name it: a kubeconfig file and a context in it, either left out. */
  private record Cluster(Path kubeconfig, String context) {
    static final Cluster OWN = new Cluster(null, null);

    static Cluster of(String environment, Target target) {
      if (target == null) {
        return OWN;
      }
      String context =
          target.context() == null || target.context().isBlank() ? null : target.context();
      Cluster cluster = new Cluster(target.kubeconfig(), context);
      cluster.check("rollwright.kubernetes.targets." + environment);
      return cluster;
    }

    /** Refuses, naming the setting, a kubeconfig that cannot be read or lacks the context. */
    void check(String setting) {
      if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
        throw new IllegalStateException(
            setting + ".kubeconfig: cannot read " + kubeconfig + " (does it exist?)");
      }
      if (kubeconfig != null && context != null) {
        List<String> contexts =
            KubeConfigUtils.parseConfig(kubeconfig.toFile()).getContexts().stream()
                .map(c -> c.getName())
                .toList();
        if (!contexts.contains(context)) {
          throw new IllegalStateException(
              setting
                  + ".context: "
                  + kubeconfig
                  + " has no context "
                  + context
                  + " (it has "
                  + contexts
                  + ")");
        }
      }
    }

    /** What refusals and pre-flight results call the cluster; null for the worker's own. */
    String name() {
      if (this.equals(OWN)) {
        return null;
      }
      if (kubeconfig == null) {
        return context;
      }
      return kubeconfig.getFileName() + (context == null ? "" : ":" + context);
    }

    KubernetesClient client() {
      if (this.equals(OWN)) {
        return new KubernetesClientBuilder().build();
      }
      Config config =
          kubeconfig == null
              ? Config.autoConfigure(context)
              : Config.fromKubeconfig(context, kubeconfig.toFile());
      if (context != null
          && (config.getCurrentContext() == null
              || !context.equals(config.getCurrentContext().getName()))) {
        throw new IllegalStateException(
            "rollwright.kubernetes.targets: the kubeconfig has no context " + context);
      }
      return new KubernetesClientBuilder().withConfig(config).build();
    }
  }
}
