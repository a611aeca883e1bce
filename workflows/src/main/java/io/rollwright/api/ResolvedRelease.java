package io.rollwright.api;

import io.rollwright.policy.DeployCalendar;
import io.rollwright.policy.ReleasePolicy;
import java.util.List;

/**
 * A validated request with the completed policy it runs under, and where that policy came from.
 * {@code override} says which policy was chosen over the service's own when that is break-glass
 * (the service's policy declares roles), else null. {@code calendars} are the deploy calendars that
 * govern it: the global one and the service's own, those that cover its environment.
 */
public record ResolvedRelease(
    ReleaseRequest request,
    ReleasePolicy policy,
    String policySource,
    String override,
    List<DeployCalendar> calendars) {
  public ResolvedRelease {
    calendars = calendars == null ? List.of() : List.copyOf(calendars);
  }

  public ResolvedRelease(ReleaseRequest request, ReleasePolicy policy, String policySource) {
    this(request, policy, policySource, null, null);
  }
}
