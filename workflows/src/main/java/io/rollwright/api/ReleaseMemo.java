package io.rollwright.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** What kind of release it is when not a plain release: {@code rollback}. */
  public static final String KIND = "releaseKind";

  /** The version a rollback replaced, when release history knew it. */
  public static final String ROLLBACK_FROM = "rollbackFrom";

  /** The train that started the release, whose conversation (its Slack thread) it joins. */
  public static final String TRAIN = "train";

  /** Where the notifiers keep that train's conversation. */
  public static final String TRAIN_THREAD = "trainThread";

  /**
   * Every key history reads, and the train conversation the release joined, carried into each run a
   * release continues as.
   */
  public static final List<String> CARRIED =
      List.of(CHANGE_REF, CHANGE_COMMITTED_AT, KIND, ROLLBACK_FROM, TRAIN, TRAIN_THREAD);

  private ReleaseMemo() {}

  /**
   * The memo a starter writes: the change shipped and when it was committed (epoch milliseconds),
   * each left out when unknown.
   */
  public static Map<String, Object> of(String changeRef, Long committedAtMillis) {
    Map<String, Object> memo = new LinkedHashMap<>();
    if (changeRef != null) {
      memo.put(CHANGE_REF, changeRef);
    }
    if (committedAtMillis != null) {
      memo.put(CHANGE_COMMITTED_AT, committedAtMillis);
    }
    return memo;
  }
}
