package io.rollwright.api;

import io.rollwright.policy.ReleasePolicy;
import java.util.List;
import java.util.Map;

/**
 * What a traffic or workload action acts on: the release, its service and environment, the new
 * version, the router to use and, for a stage's weight, the stage's name (null otherwise; a router
 * whose steps are named places rather than percentages, a preview channel, goes by the name) and
 * the cohorts whose every request goes to the canary at that stage (none otherwise), and the
 * policy's settings for its router ({@link ReleasePolicy#routerSettings}).
 */
public record TrafficTarget(
    String releaseId,
    String service,
    String environment,
    String version,
    String image,
    String router,
    String stage,
    List<String> cohorts,
    Map<String, String> settings) {
  public TrafficTarget {
    cohorts = cohorts == null ? List.of() : List.copyOf(cohorts);
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }

  /** The target of {@code request}'s release through {@code policy}'s router. */
  public static TrafficTarget of(ReleaseRequest request, ReleasePolicy policy) {
    return new TrafficTarget(
        request.releaseId(),
        request.service(),
        request.environment(),
        request.version(),
        request.image(),
        policy.router(),
        null,
        List.of(),
        policy.routerSettings());
  }

  /** The policy's setting {@code name} for its router, or {@code otherwise} when it sets none. */
  public String setting(String name, String otherwise) {
    return settings.getOrDefault(name, otherwise);
  }

  /** This target for the stage named {@code name}, which sends {@code cohorts} to the canary. */
  public TrafficTarget atStage(String name, List<String> cohorts) {
    return new TrafficTarget(
        releaseId, service, environment, version, image, router, name, cohorts, settings);
  }
}
