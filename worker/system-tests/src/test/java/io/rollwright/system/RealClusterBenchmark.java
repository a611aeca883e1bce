package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code bench/real-cluster} benchmark, on the real control plane with the replica-ratio router
 * (traffic follows pods, so capacity is what moves): a release that promotes, one whose canary
 * breaches, one aborted at 25%. The service's capacity (available pods of both tracks over its 4
 * replicas) is sampled every 50 ms and split by the phase the release was in; and the time from the
 * abort, and from the failed verdict, until stable is fully available and the canary at 0.
 */
@EnabledIfSystemProperty(named = "rollwright.bench", matches = "true")
class RealClusterBenchmark extends RealClusterTest {
  private static final String ROUTER = "replica-ratio";

  /** The release's phase, read every 50 ms: when each phase was first seen. */
  private static final class Phases implements AutoCloseable {
    private final TreeMap<Long, Phase> seen = new TreeMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    Phases(String releaseId) {
      thread =
          new Thread(
              () -> {
                Phase last = null;
                while (running) {
                  try {
                    Phase now = release(releaseId).status().phase();
                    if (now != last) {
                      synchronized (seen) {
                        seen.put(System.currentTimeMillis(), now);
                      }
                      last = now;
                    }
                    Thread.sleep(50);
                  } catch (InterruptedException e) {
                    return;
                  } catch (RuntimeException notYet) {
                    // no workflow yet, or the query timed out: read again
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    Phase at(long millis) {
      synchronized (seen) {
        Map.Entry<Long, Phase> e = seen.floorEntry(millis);
        return e == null ? Phase.RESOLVING : e.getValue();
      }
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join(5_000);
    }
  }

  @Test
  void capacityAndTimeBackToStable() throws Exception {
    String ns = "bench";
    cluster.releaseNamespace(ns);
    List<String> services = List.of("promoted", "breached", "aborted");
    for (String service : services) {
      cluster.service(ns, service, REPLICAS, image(service, OLD));
    }
    Map<String, ClusterSampler> samplers = new TreeMap<>();
    Map<String, Phases> phases = new TreeMap<>();
    Map<String, ReleaseResult> results = new TreeMap<>();
    long abortedAt;
    try (AppProcess worker =
        clusterWorker(
            "bench",
            "--rollwright.sandbox.metrics[0]=breached canary error-rate = 0.002, 2s: 0.3")) {
      for (String service : services) {
        samplers.put(service, new ClusterSampler(cluster, ns, service, ROUTER, REPLICAS));
        phases.put(service, new Phases(service + "@" + ns));
        start(ns, service, ROUTER);
      }
      String aborted = "aborted@" + ns;
      await(
          "the aborted release's first stage",
          Duration.ofMinutes(1),
          () -> audited(aborted, "stage canary-25 started"));
      abortedAt = System.currentTimeMillis();
      release(aborted).abort(new ControlRequest("oncall-sam", "benchmark"));
      for (String service : services) {
        results.put(service, result(service + "@" + ns, Duration.ofMinutes(3)));
      }
      long breachedAt =
          release("breached@" + ns).status().audit().stream()
              .filter(e -> e.action().equals("analysis FAIL"))
              .mapToLong(AuditEntry::atMillis)
              .findFirst()
              .orElseThrow();
      for (ClusterSampler s : samplers.values()) {
        s.close();
      }
      for (Phases p : phases.values()) {
        p.close();
      }
      print(
          "min_available_ratio_step",
          minCapacity(
              samplers,
              phases,
              p -> p != Phase.PROMOTING && p != Phase.ROLLING_BACK && p != Phase.DONE));
      print(
          "min_available_ratio_promote",
          minCapacity(
              Map.of("promoted", samplers.get("promoted")), phases, p -> p == Phase.PROMOTING));
      print(
          "min_available_ratio_rollback",
          minCapacity(samplers, phases, p -> p == Phase.ROLLING_BACK));
      print(
          "abort_to_stable_available_s",
          (samplers.get("aborted").stableAgain(abortedAt) - abortedAt) / 1000.0);
      print(
          "breach_to_stable_available_s",
          (samplers.get("breached").stableAgain(breachedAt) - breachedAt) / 1000.0);
      print("pod_start_delay_s", KubernetesControlPlane.POD_START_DELAY_MS / 1000.0);
    }
    assertEquals(ReleaseOutcome.PROMOTED, results.get("promoted").outcome());
    assertEquals(ReleaseOutcome.ROLLED_BACK, results.get("breached").outcome());
    assertEquals(ReleaseOutcome.ROLLED_BACK, results.get("aborted").outcome());
  }

  /** The lowest capacity sampled while a release was in a phase {@code during} matches. */
  private static double minCapacity(
      Map<String, ClusterSampler> samplers, Map<String, Phases> phases, Predicate<Phase> during) {
    List<Double> ratios = new ArrayList<>();
    samplers.forEach(
        (service, sampler) ->
            sampler.samples().stream()
                .filter(s -> during.test(phases.get(service).at(s.atMillis())))
                .forEach(s -> ratios.add(s.capacity())));
    return ratios.stream()
        .mapToDouble(Double::doubleValue)
        .min()
        .orElseThrow(() -> new AssertionError("no sample in that phase"));
  }
}
