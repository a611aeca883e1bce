package io.rollwright.api;

/** How a release ended, with the exit code the CLI returns for it. */
public enum ReleaseOutcome {
  PROMOTED(0),
  ROLLED_BACK(2),
  BLOCKED(3),
  FAILED(4);

  public final int exitCode;

  ReleaseOutcome(int exitCode) {
    this.exitCode = exitCode;
  }
}
