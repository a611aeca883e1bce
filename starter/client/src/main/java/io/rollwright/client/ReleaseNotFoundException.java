package io.rollwright.client;

/** No release with that ID has ever run in this namespace. */
public class ReleaseNotFoundException extends RuntimeException {
  public ReleaseNotFoundException(String releaseId) {
    this("release", releaseId, "release IDs are <service>@<environment>, e.g. checkout@prod");
  }

  /** No {@code kind} with ID {@code id}; {@code ids} says what such IDs look like. */
  protected ReleaseNotFoundException(String kind, String id, String ids) {
    super("no " + kind + " " + id + " in this namespace (" + ids + ")");
  }
}
