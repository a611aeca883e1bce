package io.rollwright.worker;

import io.rollwright.api.HistoryActivities;
import io.rollwright.api.PromotedRelease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Release history as the harness saw releases end promoted, newest first: the time-skipping test
 * service has no visibility store to list them from (the real reader, {@code
 * TemporalHistoryActivities}, runs against a real Temporal server in the system tests).
 */
final class RecordedHistory implements HistoryActivities {
  private final List<PromotedRelease> promoted = new ArrayList<>();

  /**
   * Records a promotion; a rollback that let history choose names no image: its version's is kept.
   */
  synchronized void promoted(String releaseId, String version, String image, long atMillis) {
    String known =
        image != null
            ? image
            : promoted.stream()
                .filter(p -> p.version().equals(version))
                .map(PromotedRelease::image)
                .findFirst()
                .orElseThrow();
    promoted.add(0, new PromotedRelease(version, known, releaseId, "run", atMillis));
  }

  @Override
  public synchronized List<PromotedRelease> promoted(String service, String environment) {
    Map<String, PromotedRelease> latest = new LinkedHashMap<>();
    promoted.stream()
        .filter(p -> p.workflowId().equals(service + "@" + environment))
        .forEach(p -> latest.putIfAbsent(p.version(), p));
    return new ArrayList<>(latest.values());
  }
}
