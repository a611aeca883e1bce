package io.rollwright.api;

import io.rollwright.policy.Limits;
import io.rollwright.policy.Violation;
import io.rollwright.policy.Violations;
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
  private final TrainRequest request;
  private final Map<String, TrainRequest.Release> byService = new LinkedHashMap<>();

  private TrainPlan(TrainRequest request) {
    this.request = request;
    request.releases().forEach(r -> byService.put(r.service(), r));
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
        if (!broken.field().equals("environment") && !broken.field().equals("requestedBy")) {
          v.add(at + "." + broken.field(), broken.rule());
        }
      }
      if (r.service() != null && index.putIfAbsent(r.service(), i) != null) {
        v.add(
            at + ".service", r.service() + " is already releases[" + index.get(r.service()) + "]");
      }
    }
    for (int i = 0; i < t.releases().size(); i++) {
      TrainRequest.Release r = t.releases().get(i);
      if (r == null) {
        continue;
      }
      for (String after : r.after()) {
        if (!index.containsKey(after)) {
          v.add(
              "releases[" + i + "].after",
              "'" + after + "' is not a service of this train (" + index.keySet() + ")");
        } else if (after.equals(r.service())) {
          v.add("releases[" + i + "].after", r.service() + " cannot go after itself");
        }
      }
    }
    if (v.list().isEmpty()) {
      List<String> cycle = cycle(t.releases());
      if (!cycle.isEmpty()) {
        v.add("releases", "the order goes round in a circle: " + String.join(" after ", cycle));
      }
    }
    return v.list();
  }

  /** The releases not in {@code begun} whose every predecessor is in {@code promoted}. */
  public List<TrainRequest.Release> ready(Set<String> begun, Set<String> promoted) {
    List<TrainRequest.Release> ready = new ArrayList<>();
    for (TrainRequest.Release r : byService.values()) {
      if (!begun.contains(r.service()) && promoted.containsAll(r.after())) {
        ready.add(r);
      }
    }
    return ready;
  }

  /** The train's releases, in the order the request gives them. */
  public List<TrainRequest.Release> releases() {
    return request.releases();
  }

  /** A chain of services each waiting for the next and the last for the first, or empty. */
  private static List<String> cycle(List<TrainRequest.Release> releases) {
    Map<String, List<String>> after = new HashMap<>();
    releases.forEach(r -> after.put(r.service(), r.after()));
    Map<String, Integer> state = new HashMap<>();
    for (TrainRequest.Release r : releases) {
      List<String> path = new ArrayList<>();
      if (visit(r.service(), after, state, path)) {
        return path;
      }
    }
    return List.of();
  }

  /**
   * Depth-first: true when a service on {@code path} is reached again; {@code path} then holds the
   * circle, its first service repeated at its end.
   */
  private static boolean visit(
      String service,
      Map<String, List<String>> after,
      Map<String, Integer> state,
      List<String> path) {
    Integer seen = state.get(service);
    if (seen != null && seen == 2) {
      return false;
    }
    if (seen != null) {
      path.subList(0, path.indexOf(service)).clear();
      path.add(service);
      return true;
    }
    state.put(service, 1);
    path.add(service);
    for (String next : after.get(service)) {
      if (visit(next, after, state, path)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    state.put(service, 2);
    return false;
  }
}
