package io.rollwright.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** What a rollback needs to know of a service's past releases. */
@ActivityInterface
public interface HistoryActivities {
  /** How many distinct versions {@link #promoted} returns at most. */
  int MAX_VERSIONS = 25;

  /**
   * The versions promoted to {@code environment} for {@code service}, newest promotion first, each
   * once (its latest promotion), at most {@link #MAX_VERSIONS}: as far back as Temporal keeps
   * closed releases (the namespace's retention).
   */
  @ActivityMethod
  List<PromotedRelease> promoted(String service, String environment);
}
