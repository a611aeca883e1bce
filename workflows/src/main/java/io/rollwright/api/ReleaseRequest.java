package io.rollwright.api;

import io.rollwright.policy.ReleaseJson;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Strategy;

/**
 * What to release, where, how and on whose behalf. Plain JSON so every front door (the CLI, the
 * REST API, {@code temporal workflow start --input}) can send it. {@code policy} names a preset or
 * service policy; {@code inlinePolicy} gives one in full (it may {@code extends} a preset). {@code
 * reason} is required for the {@code direct} and {@code rollback} strategies. A rollback may leave
 * out {@code version} (the version promoted before the current one) and {@code image} (the one that
 * version was promoted with); {@code force} lets it release a version never promoted to the
 * environment, as break-glass. {@code type} is the kind of release ({@code hotfix}, {@code
 * feature}, {@code major}, or a type its policy declares); none: the policy's default.
 */
public record ReleaseRequest(
    String service,
    String version,
    String image,
    String environment,
    Strategy strategy,
    String policy,
    ReleasePolicy inlinePolicy,
    String requestedBy,
    String reason,
    String changeRef,
    Boolean force,
    String type) {

  public ReleaseRequest {
    strategy = strategy == null ? Strategy.CANARY : strategy;
    force = Boolean.TRUE.equals(force) ? Boolean.TRUE : null;
  }

  public ReleaseRequest(
      String service,
      String version,
      String image,
      String environment,
      Strategy strategy,
      String policy,
      ReleasePolicy inlinePolicy,
      String requestedBy,
      String reason,
      String changeRef) {
    this(
        service,
        version,
        image,
        environment,
        strategy,
        policy,
        inlinePolicy,
        requestedBy,
        reason,
        changeRef,
        null,
        null);
  }

  /** Whether the request is forced (a rollback to a version never promoted there). */
  public boolean forced() {
    return Boolean.TRUE.equals(force);
  }

  /**
   * Reads a release request from JSON, or throws {@link
   * io.rollwright.policy.InvalidReleaseException} naming the field at fault.
   */
  public static ReleaseRequest fromJson(String json) {
    return ReleaseJson.read(json, ReleaseRequest.class, "request");
  }

  /** The workflow ID of this release: one release in progress per service and environment. */
  public String releaseId() {
    return ReleaseIds.of(service, environment);
  }

  public ReleaseRequest withStrategy(Strategy s, String why) {
    return new ReleaseRequest(
        service,
        version,
        image,
        environment,
        s,
        policy,
        inlinePolicy,
        requestedBy,
        why,
        changeRef,
        force,
        type);
  }

  /** This request releasing {@code newVersion} as {@code newImage}, forced or not. */
  public ReleaseRequest releasing(String newVersion, String newImage, boolean forcing) {
    return new ReleaseRequest(
        service,
        newVersion,
        newImage,
        environment,
        strategy,
        policy,
        inlinePolicy,
        requestedBy,
        reason,
        changeRef,
        forcing,
        type);
  }

  /** This request as a release of type {@code resolved}. */
  public ReleaseRequest ofType(String resolved) {
    return new ReleaseRequest(
        service,
        version,
        image,
        environment,
        strategy,
        policy,
        inlinePolicy,
        requestedBy,
        reason,
        changeRef,
        force,
        resolved);
  }
}
