package io.rollwright.policy;

/**
 * The rules an extension's own settings in a policy must meet, checked when the policy is resolved
 * so a release never starts with settings its router, metric provider or pre-flight check cannot
 * use.
 *
 * @param <T> the part of the policy the extension reads: the policy itself for a router, an
 *     analysis check for a metric provider, a pre-flight entry for a pre-flight check
 */
@FunctionalInterface
public interface SettingsRules<T> {
  /** Adds to {@code v} every rule {@code settings}, written at {@code field}, breaks. */
  void check(String field, T settings, Violations v);

  /** No rules of its own: the extension takes whatever the common rules allow. */
  static <T> SettingsRules<T> none() {
    return (field, settings, v) -> {};
  }
}
