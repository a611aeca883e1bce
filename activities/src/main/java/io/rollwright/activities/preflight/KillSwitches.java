package io.rollwright.activities.preflight;

/** Where the kill switches stand, as the {@code kill-switch} pre-flight check asks. */
@FunctionalInterface
public interface KillSwitches {
  /**
   * The switch that stops new releases of {@code releaseId} (the global one, or the release's own),
   * as people read it, or null when none is on.
   */
  String engaged(String releaseId);
}
