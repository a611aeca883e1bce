package io.rollwright.api;

import io.rollwright.policy.ReleasePolicy;

/** A validated request with the completed policy it runs under, and where that policy came from. */
public record ResolvedRelease(ReleaseRequest request, ReleasePolicy policy, String policySource) {}
