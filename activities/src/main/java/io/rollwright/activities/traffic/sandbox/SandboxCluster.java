package io.rollwright.activities.traffic.sandbox;

import io.rollwright.activities.base.ActivityClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory stand-in for a cluster: per service, the stable version (idle or not) and the canary
 * weight, and an ordered log of every action asked of it (repeats included). With a journal file
 * the log outlives the worker process, as a real cluster's state would. Failures and a delay per
 * action can be injected to exercise retries and crashes mid-action.
 */
public final class SandboxCluster {
  /** One action as it was asked for. */
  public record Action(long atMillis, String service, String action, double weightAfter) {
    String line() {
      return atMillis + "\t" + service + "\t" + action + "\t" + weightAfter + "\n";
    }

    static Action parse(String line) {
      String[] f = line.split("\t", -1);
      return new Action(Long.parseLong(f[0]), f[1], f[2], Double.parseDouble(f[3]));
    }
  }

  private final ActivityClock clock;
  private final Path journal;
  private final Duration delay;
  private final List<Action> log = new ArrayList<>();
  private final Map<String, Double> weights = new HashMap<>();
  private final Map<String, String> stable = new HashMap<>();
  private final Map<String, String> canary = new HashMap<>();
  private final Set<String> idle = new HashSet<>();
  private final Map<String, Integer> injectedFailures = new HashMap<>();

  public SandboxCluster(ActivityClock clock) {
    this(clock, null, Duration.ZERO);
  }

  /**
   * A cluster whose actions each take {@code delay} and are appended to {@code journal} (if not
   * null), reloaded from it first.
   */
  public SandboxCluster(ActivityClock clock, Path journal, Duration delay) {
    this.clock = clock;
    this.journal = journal;
    this.delay = delay;
    if (journal != null && Files.exists(journal)) {
      try {
        Files.readAllLines(journal).stream()
            .filter(l -> !l.isBlank())
            .map(Action::parse)
            .forEach(this::apply);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read sandbox journal " + journal, e);
      }
    }
  }

  /** Makes the next {@code times} attempts of {@code action} on {@code service} fail. */
  public synchronized void failNext(String service, String action, int times) {
    injectedFailures.put(service + "/" + action, times);
  }

  void act(String service, String action, String detail, Double weight) {
    pause();
    synchronized (this) {
      String key = service + "/" + action;
      int failures = injectedFailures.getOrDefault(key, 0);
      if (failures > 0) {
        injectedFailures.put(key, failures - 1);
        record(new Action(clock.now(), service, action + " FAILED (injected)", weight(service)));
        throw new IllegalStateException(
            "sandbox: injected failure of " + action + " on " + service);
      }
      String text = detail == null ? action : action + " " + detail;
      record(new Action(clock.now(), service, text, weight != null ? weight : weight(service)));
    }
  }

  private void pause() {
    if (delay.isZero()) {
      return;
    }
    try {
      clock.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sandbox action interrupted", e);
    }
  }

  private void record(Action a) {
    if (journal != null) {
      try {
        Files.writeString(
            journal,
            a.line(),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.SYNC);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write sandbox journal " + journal, e);
      }
    }
    apply(a);
  }

  private void apply(Action a) {
    log.add(a);
    weights.put(a.service(), a.weightAfter());
    if (a.action().startsWith("promote-stable ")) {
      stable.put(a.service(), a.action().substring("promote-stable ".length()));
    } else if (a.action().startsWith("deploy-canary ")) {
      canary.put(a.service(), a.action().substring("deploy-canary ".length()));
    } else if (a.action().equals("scale-canary-to-zero")) {
      canary.remove(a.service());
    } else if (a.action().equals("idle-stable")) {
      idle.add(a.service());
    } else if (a.action().equals("wake-stable")) {
      idle.remove(a.service());
    }
  }

  public synchronized double weight(String service) {
    return weights.getOrDefault(service, 0.0);
  }

  /** The image the service's canary runs, or null when it has none. */
  public synchronized String canaryImage(String service) {
    return canary.get(service);
  }

  /** True while the service's stable version is idled for a bake. */
  public synchronized boolean stableIdle(String service) {
    return idle.contains(service);
  }

  public synchronized String stableVersion(String service) {
    return stable.get(service);
  }

  /** Every action asked for the service, in order. */
  public synchronized List<Action> log(String service) {
    return log.stream().filter(a -> a.service().equals(service)).toList();
  }
}
