package io.rollwright.activities.traffic;

import io.rollwright.activities.ActivityClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory stand-in for a cluster: per service, the stable and canary versions and the canary
 * weight, and an ordered log of every action asked of it (repeats included). Failures can be
 * injected to exercise retries.
 */
public final class SandboxCluster {
  /** One action as it was asked for. */
  public record Action(long atMillis, String service, String action, double weightAfter) {}

  private final ActivityClock clock;
  private final List<Action> log = new ArrayList<>();
  private final Map<String, Double> weights = new HashMap<>();
  private final Map<String, String> stable = new HashMap<>();
  private final Map<String, Integer> injectedFailures = new HashMap<>();

  public SandboxCluster(ActivityClock clock) {
    this.clock = clock;
  }

  /** Makes the next {@code times} attempts of {@code action} on {@code service} fail. */
  public synchronized void failNext(String service, String action, int times) {
    injectedFailures.put(service + "/" + action, times);
  }

  synchronized void act(String service, String action, String detail, Double weight) {
    String key = service + "/" + action;
    int failures = injectedFailures.getOrDefault(key, 0);
    if (failures > 0) {
      injectedFailures.put(key, failures - 1);
      log.add(new Action(clock.now(), service, action + " FAILED (injected)", weight(service)));
      throw new IllegalStateException("sandbox: injected failure of " + action + " on " + service);
    }
    if (weight != null) {
      weights.put(service, weight);
    }
    log.add(new Action(clock.now(), service, detail == null ? action : action + " " + detail, weight(service)));
  }

  synchronized void stableVersion(String service, String version) {
    stable.put(service, version);
  }

  public synchronized double weight(String service) {
    return weights.getOrDefault(service, 0.0);
  }

  public synchronized String stableVersion(String service) {
    return stable.get(service);
  }

  /** Every action asked for the service, in order. */
  public synchronized List<Action> log(String service) {
    return log.stream().filter(a -> a.service().equals(service)).toList();
  }
}
