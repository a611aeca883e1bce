package io.rollwright.client;

/** No release with that ID has ever run in this namespace. */
public class ReleaseNotFoundException extends RuntimeException {
  public ReleaseNotFoundException(String releaseId) {
    super(
        "no release "
            + releaseId
            + " in this namespace (release IDs are <service>@<environment>, e.g. checkout@prod)");
  }
}
