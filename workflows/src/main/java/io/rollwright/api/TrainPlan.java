package io.rollwright.api;

import io.rollwright.policy.DurationText;
import io.rollwright.policy.GateRules;
import io.rollwright.policy.Limits;
import io.rollwright.policy.Violation;
import io.rollwright.policy.Violations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order of a train: the rules its request must meet (every door checks them before anything
 * starts) and, as releases are promoted, which may start next. Pure.
 */
public final class TrainPlan {
  /** The longest a release of a train may wait after those it goes after are promoted. */
  public static final Duration MAX_BAKE = Duration.ofDays(7);

  private final TrainRequest request;
  private final Map<String, TrainRequest.Release> byLabel = new LinkedHashMap<>();
  private final Map<String, List<String>> after = new HashMap<>();

  private TrainPlan(TrainRequest request) {
    this.request = request;
    Map<String, List<String>> labels = labelsByService(request);
    for (TrainRequest.Release r : request.releases()) {
      byLabel.put(request.label(r), r);
      after.put(
          request.label(r), r.after().stream().map(a -> resolve(request, labels, a)).toList());
    }
  }

  /** The plan of {@code request}, or {@link RequestCheck#requireNone} naming every broken rule. */
  public static TrainPlan of(TrainRequest request) {
    RequestCheck.requireNone(check(request));
    return new TrainPlan(request);
  }

  /** Every rule the train breaks; empty when it is valid. */
  public static List<Violation> check(TrainRequest t) {
    Violations v = new Violations();
    if (t == null) {
      v.add("train", "is required");
      return v.list();
    }
    v.name("name", t.name());
    v.name("environment", t.environment());
    v.identity("requestedBy", t.requestedBy(), true);
    v.optional("reason", t.reason(), Limits.REASON);
    v.optional("changeRef", t.changeRef(), Limits.CHANGE_REF);
    if (!TrainRequest.ROLL_BACK.equals(t.onFailure()) && !t.keepsPromoted()) {
      v.add(
          "onFailure",
          "'"
              + ControlLimits.clip(t.onFailure(), 40)
              + "' is not one of "
              + TrainRequest.ROLL_BACK
              + ", "
              + TrainRequest.KEEP);
    }
    if (t.releases() == null || t.releases().isEmpty()) {
      v.add("releases", "is required: at least one service's release");
      return v.list();
    }
    if (t.releases().size() > Limits.TRAIN_RELEASES) {
      v.add("releases", t.releases().size() + " releases, at most " + Limits.TRAIN_RELEASES);
      return v.list();
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < t.releases().size(); i++) {
      TrainRequest.Release r = t.releases().get(i);
      String at = "releases[" + i + "]";
      if (r == null) {
        v.add(at, "is required");
        continue;
      }
      for (Violation broken : RequestCheck.check(t.request(r))) {
        boolean trainsOwn = broken.field().equals("environment") && r.environment() == null;
        if (!trainsOwn && !broken.field().equals("requestedBy")) {
          v.add(at + "." + broken.field(), broken.rule());
        }
      }
      waitsFor(v, at, r);
      if (r.service() != null && index.putIfAbsent(t.label(r), i) != null) {
        v.add(at + ".service", t.label(r) + " is already releases[" + index.get(t.label(r)) + "]");
      }
    }
    Map<String, List<String>> labels = labelsByService(t);
    Map<String, List<String>> order = new LinkedHashMap<>();
    for (int i = 0; i < t.releases().size(); i++) {
      TrainRequest.Release r = t.releases().get(i);
      if (r == null) {
        continue;
      }
      List<String> before = new ArrayList<>();
      for (String a : r.after()) {
        String label = resolve(t, labels, a);
        List<String> several = a == null ? null : labels.get(a);
        if (several != null && several.size() > 1) {
          v.add(
              "releases[" + i + "].after",
              "'" + a + "' is released to several environments; name one of " + several);
        } else if (label == null || !index.containsKey(label)) {
          v.add(
              "releases[" + i + "].after",
              "'" + a + "' is not a service of this train (" + index.keySet() + ")");
        } else if (label.equals(t.label(r))) {
          v.add("releases[" + i + "].after", t.label(r) + " cannot go after itself");
        } else {
          before.add(label);
        }
      }
      order.put(t.label(r), before);
    }
    if (v.list().isEmpty()) {
      List<String> cycle = cycle(order);
      if (!cycle.isEmpty()) {
        v.add("releases", "the order goes round in a circle: " + String.join(" after ", cycle));
      }
    }
    return v.list();
  }

  /**
   * Checks what {@code r} waits for before it starts: a bake of at most {@link #MAX_BAKE}, and a
   * gate as a policy's (its groups are checked once the service's policy is known).
   */
  private static void waitsFor(Violations v, String at, TrainRequest.Release r) {
    if (r.bake() != null && (r.bake().isNegative() || r.bake().compareTo(MAX_BAKE) > 0)) {
      v.add(
          at + ".bake",
          "must be between 0s and "
              + DurationText.format(MAX_BAKE)
              + " (got "
              + DurationText.format(r.bake())
              + ")");
    }
    if (r.gate() != null) {
      boolean named = !r.gate().groups().isEmpty() || !r.gate().fromEach().isEmpty();
      GateRules.check(v, at + ".gate", r.gate(), named ? null : Map.of());
    }
  }

  /** The labels of each service's releases in {@code t}. */
  private static Map<String, List<String>> labelsByService(TrainRequest t) {
    Map<String, List<String>> labels = new HashMap<>();
    for (TrainRequest.Release r : t.releases()) {
      if (r != null && r.service() != null) {
        List<String> of = labels.computeIfAbsent(r.service(), k -> new ArrayList<>());
        if (!of.contains(t.label(r))) {
          of.add(t.label(r));
        }
      }
    }
    return labels;
  }

  /**
   * The label of the release an {@code after} entry names: a service's only release, or {@code
   * <service>@<environment>}; null when it names none.
   */
  private static String resolve(TrainRequest t, Map<String, List<String>> labels, String entry) {
    if (entry == null) {
      return null;
    }
    List<String> of = labels.get(entry);
    if (of != null) {
      return of.get(0);
    }
    int at = entry.lastIndexOf('@');
    if (at <= 0) {
      return null;
    }
    String service = entry.substring(0, at);
    String env = entry.substring(at + 1);
    return env.equals(t.environment()) ? service : entry;
  }

  /**
   * The releases, by label, not in {@code begun} whose every predecessor (by label) is in {@code
   * promoted}.
   */
  public List<TrainRequest.Release> ready(Set<String> begun, Set<String> promoted) {
    List<TrainRequest.Release> ready = new ArrayList<>();
    byLabel.forEach(
        (label, r) -> {
          if (!begun.contains(label) && promoted.containsAll(after.get(label))) {
            ready.add(r);
          }
        });
    return ready;
  }

  /** The train's releases, in the order the request gives them. */
  public List<TrainRequest.Release> releases() {
    return request.releases();
  }

  /** A chain of releases each waiting for the next and the last for the first, or empty. */
  private static List<String> cycle(Map<String, List<String>> after) {
    Map<String, Integer> state = new HashMap<>();
    for (String label : after.keySet()) {
      List<String> path = new ArrayList<>();
      if (visit(label, after, state, path)) {
        return path;
      }
    }
    return List.of();
  }

  /**
   * Depth-first: true when a release on {@code path} is reached again; {@code path} then holds the
   * circle, its first release repeated at its end.
   */
  private static boolean visit(
      String label,
      Map<String, List<String>> after,
      Map<String, Integer> state,
      List<String> path) {
    Integer seen = state.get(label);
    if (seen != null && seen == 2) {
      return false;
    }
    if (seen != null) {
      path.subList(0, path.indexOf(label)).clear();
      path.add(label);
      return true;
    }
    state.put(label, 1);
    path.add(label);
    for (String next : after.get(label)) {
      if (visit(next, after, state, path)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    state.put(label, 2);
    return false;
  }
}
