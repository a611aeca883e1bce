package io.rollwright.activities.traffic.firebase;

import io.rollwright.activities.traffic.InPlaceWorkloads;
import io.rollwright.api.TrafficTarget;

/**
 * A Hosting site's versions: the build uploads and finalizes the version, so there is nothing to
 * deploy but to make sure it can be released; the live channel serves one version at a time, so
 * there is nothing to idle or wake, and taking the version back is releasing the one before it.
 */
final class FirebaseHostingWorkloads extends InPlaceWorkloads {
  private final FirebaseHostingCheck check;
  private final FirebaseHostingRouter router;

  FirebaseHostingWorkloads(FirebaseHostingRouter router, FirebaseHostingCheck check) {
    super(router);
    this.router = router;
    this.check = check;
  }

  /** Fails, finally, unless the version is finalized and can be released. */
  @Override
  public void deployCanary(TrafficTarget t) {
    check.requireFinalized(t);
  }

  @Override
  public void withdrawCanary(TrafficTarget t) {
    router.withdraw(t);
  }
}
