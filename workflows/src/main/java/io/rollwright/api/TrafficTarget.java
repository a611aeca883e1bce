package io.rollwright.api;

/**
 * What a traffic or workload action acts on: the release, its service and environment, the new
 * version, and the router to use.
 */
public record TrafficTarget(
    String releaseId,
    String service,
    String environment,
    String version,
    String image,
    String router) {

  /** The target of {@code request}'s release through {@code router}. */
  public static TrafficTarget of(ReleaseRequest request, String router) {
    return new TrafficTarget(
        request.releaseId(),
        request.service(),
        request.environment(),
        request.version(),
        request.image(),
        router);
  }
}
