package io.rollwright.api;

import io.rollwright.policy.ReleasePolicy;

/**
 * A validated request with the completed policy it runs under, and where that policy came from.
 * {@code override} says which policy was chosen over the service's own when that is break-glass
 * (the service's policy declares roles), else null.
 */
public record ResolvedRelease(
    ReleaseRequest request, ReleasePolicy policy, String policySource, String override) {
  public ResolvedRelease(ReleaseRequest request, ReleasePolicy policy, String policySource) {
    this(request, policy, policySource, null);
  }
}
