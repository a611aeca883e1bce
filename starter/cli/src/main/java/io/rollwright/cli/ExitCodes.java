package io.rollwright.cli;

import io.rollwright.api.ReleaseOutcome;

/** The command line's exit codes, the same for every command. */
public final class ExitCodes {
  /** Done; for {@code start --wait} and {@code watch}: the release was promoted. */
  public static final int OK = 0;

  /**
   * Bad flags or input: an invalid request, an unknown release, a release already in progress, a
   * refused control; or an unexpected error.
   */
  public static final int INPUT = 1;

  /** The release rolled back. */
  public static final int ROLLED_BACK = 2;

  /** The release was blocked by pre-flight; nothing was deployed. */
  public static final int BLOCKED = 3;

  /**
   * The release failed and needs a human: its rollback could not finish, or its workflow was ended
   * from outside.
   */
  public static final int FAILED = 4;

  /** Temporal could not be reached or used; nothing was done. Safe to retry. */
  public static final int UNAVAILABLE = 5;

  private ExitCodes() {}

  public static int of(ReleaseOutcome outcome) {
    return switch (outcome) {
      case PROMOTED -> OK;
      case ROLLED_BACK -> ROLLED_BACK;
      case BLOCKED -> BLOCKED;
      case FAILED -> FAILED;
    };
  }
}
