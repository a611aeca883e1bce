package io.rollwright.api;

/**
 * One pre-flight check's result, with what it saw ("quality score 0.87 ≥ 0.85"). {@code
 * inconclusive}: the check could not tell (a webhook nobody answered); it did not pass, and before
 * a stage it pauses the release rather than rolling it back. Null in results recorded before it
 * existed, meaning false.
 */
public record PreflightResult(String check, boolean passed, String detail, Boolean inconclusive) {
  public PreflightResult(String check, boolean passed, String detail) {
    this(check, passed, detail, null);
  }

  /** A result that could not tell: not passed, and inconclusive. */
  public static PreflightResult undecided(String check, String detail) {
    return new PreflightResult(check, false, detail, true);
  }

  /** Whether it failed for certain: not passed and not inconclusive. */
  public boolean failed() {
    return !passed && !Boolean.TRUE.equals(inconclusive);
  }
}
