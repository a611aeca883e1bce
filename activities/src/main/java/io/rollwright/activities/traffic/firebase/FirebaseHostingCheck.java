package io.rollwright.activities.traffic.firebase;

import io.rollwright.activities.traffic.RouterCheck;
import io.rollwright.api.TrafficTarget;
import io.temporal.failure.ApplicationFailure;

/**
 * {@code firebase-hosting}: a release through the Firebase Hosting router can run. The service has
 * a site, the image names a version of it that the worker's account can read and that is finalized,
 * and the site has a live version to return to on rollback.
 */
final class FirebaseHostingCheck extends RouterCheck {
  private final FirebaseHostingApi api;
  private final FirebaseSites sites;

  FirebaseHostingCheck(FirebaseHostingApi api, FirebaseSites sites) {
    super(FirebaseHosting.ROUTER);
    this.api = api;
    this.sites = sites;
  }

  @Override
  protected String check(TrafficTarget t) {
    String version = requireFinalized(t);
    String site = sites.site(t);
    FirebaseHostingApi.Channel live = api.channel(site, FirebaseSites.LIVE);
    if (live == null || live.versionName() == null) {
      throw refused(
          "site "
              + site
              + " has no live version to return to on rollback: release its first version with"
              + " firebase deploy");
    }
    if (live.versionName().equals(version)) {
      throw refused(
          version
              + " is already live on site "
              + site
              + ": nothing to release (a rollback would take it away)");
    }
    return version + " finalized; live: " + live.versionName();
  }

  /** The version's name, if it is finalized; a final failure saying what it is otherwise. */
  String requireFinalized(TrafficTarget t) {
    String version = sites.versionName(t);
    String status = api.versionStatus(version);
    if (!"FINALIZED".equals(status)) {
      throw ApplicationFailure.newNonRetryableFailure(
          status == null
              ? "no version " + version + ": the build creates and finalizes it"
              : version + " is " + status + ", not FINALIZED: only a finalized version is released",
          "HostingVersionNotReady");
    }
    return version;
  }
}
