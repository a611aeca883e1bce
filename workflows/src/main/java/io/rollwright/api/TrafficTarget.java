package io.rollwright.api;

/**
 * What a traffic or workload action acts on: the release, its service and environment, the new
 * version, the router to use and, for a stage's weight, the stage's name (null otherwise): a router
 * whose steps are named places rather than percentages (a preview channel) goes by the name.
 */
public record TrafficTarget(
    String releaseId,
    String service,
    String environment,
    String version,
    String image,
    String router,
    String stage) {

  /** The target of {@code request}'s release through {@code router}. */
  public static TrafficTarget of(ReleaseRequest request, String router) {
    return new TrafficTarget(
        request.releaseId(),
        request.service(),
        request.environment(),
        request.version(),
        request.image(),
        router,
        null);
  }

  /** This target for the stage named {@code name}. */
  public TrafficTarget atStage(String name) {
    return new TrafficTarget(releaseId, service, environment, version, image, router, name);
  }
}
