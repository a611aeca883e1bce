package io.rollwright.system;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Reads a service from the cluster every 50 ms while a release runs: the canary weight its router
 * shows, and the service's capacity, the available pods of both tracks over the replicas it ran
 * before the release (what the Deployment controller reports, not what was written).
 */
final class ClusterSampler implements AutoCloseable {
  /** One reading: when, the canary weight in percent, and available / desired. */
  record Sample(
      long atMillis, double weight, double capacity, int stableAvailable, int canaryAvailable) {}

  private final ClusterInstall cluster;
  private final String ns;
  private final String service;
  private final String router;
  private final int replicas;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  ClusterSampler(ClusterInstall cluster, String ns, String service, String router, int replicas) {
    this.cluster = cluster;
    this.ns = ns;
    this.service = service;
    this.router = router;
    this.replicas = replicas;
    thread = new Thread(this::run, "sampler-" + service);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        Sample s = read();
        synchronized (samples) {
          samples.add(s);
        }
        TimeUnit.MILLISECONDS.sleep(50);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException apiHiccup) {
        // the next reading tries again
      }
    }
  }

  /** What the cluster shows now. */
  Sample read() {
    int stable = cluster.available(ns, service);
    int canary = cluster.available(ns, service + "-canary");
    return new Sample(
        System.currentTimeMillis(),
        weight(),
        (stable + canary) / (double) replicas,
        stable,
        canary);
  }

  private double weight() {
    switch (router) {
      case "replica-ratio" -> {
        int canary = cluster.replicas(ns, service + "-canary");
        int stable = cluster.replicas(ns, service);
        return canary + stable == 0 ? 0 : 100.0 * canary / (canary + stable);
      }
      case "gateway-api" -> {
        Map<String, Integer> w = cluster.routeWeights(ns, service);
        int total = w.values().stream().mapToInt(Integer::intValue).sum();
        return total == 0 ? 0 : 100.0 * w.getOrDefault(service + "-canary", 0) / total;
      }
      case "nginx-ingress" -> {
        Ingress canary = cluster.canaryIngress(ns, service);
        if (canary == null) {
          return 0;
        }
        Map<String, String> a = canary.getMetadata().getAnnotations();
        return 100.0
            * Integer.parseInt(a.get("nginx.ingress.kubernetes.io/canary-weight"))
            / Integer.parseInt(a.get("nginx.ingress.kubernetes.io/canary-weight-total"));
      }
      default -> throw new IllegalArgumentException(router);
    }
  }

  List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /** Every canary weight the cluster showed, lowest first. */
  Set<Double> weightsSeen() {
    return new TreeSet<>(samples().stream().map(Sample::weight).toList());
  }

  /** The lowest capacity seen; 1.0 means never below the service's own. */
  double minCapacity() {
    return samples().stream().mapToDouble(Sample::capacity).min().orElse(Double.NaN);
  }

  /**
   * When the cluster first showed stable fully available, the canary at zero and no traffic on it,
   * at or after {@code from}.
   */
  long stableAgain(long from) {
    return samples().stream()
        .filter(
            s ->
                s.atMillis() >= from
                    && s.stableAvailable() == replicas
                    && s.canaryAvailable() == 0
                    && s.weight() == 0)
        .mapToLong(Sample::atMillis)
        .findFirst()
        .orElseThrow(() -> new AssertionError(service + "'s stable never came back"));
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
