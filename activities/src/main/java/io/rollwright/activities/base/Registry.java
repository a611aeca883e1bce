package io.rollwright.activities.base;

import io.rollwright.policy.InvalidReleaseException;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Implementations of one extension point by the name a policy uses. An unknown name fails loudly,
 * never falls back.
 */
public final class Registry<T> {
  private final String kind;
  private final Map<String, T> byName;

  public Registry(String kind, Map<String, T> byName) {
    this.kind = kind;
    this.byName = new TreeMap<>(byName);
  }

  public T get(String name) {
    T found = byName.get(name);
    if (found == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "'"
              + name
              + "' is not a known "
              + kind
              + " (known: "
              + String.join(", ", byName.keySet())
              + ")",
          InvalidReleaseException.FAILURE_TYPE);
    }
    return found;
  }

  public Set<String> names() {
    return byName.keySet();
  }

  /** What {@code describe} says of each implementation, by name. */
  public <R> Map<String, R> describe(Function<T, R> describe) {
    Map<String, R> described = new TreeMap<>();
    byName.forEach((name, found) -> described.put(name, describe.apply(found)));
    return described;
  }
}
