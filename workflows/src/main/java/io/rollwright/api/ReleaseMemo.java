package io.rollwright.api;

/**
 * The memo fields of a release run, read by release history without a worker. A release that
 * continues as new carries them into each run it continues as.
 */
public final class ReleaseMemo {
  /** The change shipped (a commit or pull request), as the starter wrote it. */
  public static final String CHANGE_REF = "changeRef";

  /** When that change was committed, epoch milliseconds, for lead time. */
  public static final String CHANGE_COMMITTED_AT = "changeCommittedAt";

  /**
   * When the release began, epoch milliseconds: set on runs it continued as, whose own start is
   * later.
   */
  public static final String STARTED_AT = "releaseStartedAt";

  private ReleaseMemo() {}
}
