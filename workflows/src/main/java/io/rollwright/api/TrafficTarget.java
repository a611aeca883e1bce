package io.rollwright.api;

import java.util.List;

/**
 * What a traffic or workload action acts on: the release, its service and environment, the new
 * version, the router to use and, for a stage's weight, the stage's name (null otherwise; a router
 * whose steps are named places rather than percentages, a preview channel, goes by the name) and
 * the cohorts whose every request goes to the canary at that stage (none otherwise).
 */
public record TrafficTarget(
    String releaseId,
    String service,
    String environment,
    String version,
    String image,
    String router,
    String stage,
    List<String> cohorts) {
  public TrafficTarget {
    cohorts = cohorts == null ? List.of() : List.copyOf(cohorts);
  }

  /** The target of {@code request}'s release through {@code router}. */
  public static TrafficTarget of(ReleaseRequest request, String router) {
    return new TrafficTarget(
        request.releaseId(),
        request.service(),
        request.environment(),
        request.version(),
        request.image(),
        router,
        null,
        List.of());
  }

  /** This target for the stage named {@code name}, which sends {@code cohorts} to the canary. */
  public TrafficTarget atStage(String name, List<String> cohorts) {
    return new TrafficTarget(
        releaseId, service, environment, version, image, router, name, cohorts);
  }
}
