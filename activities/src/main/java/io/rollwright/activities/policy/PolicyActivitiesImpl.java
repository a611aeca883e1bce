package io.rollwright.activities.policy;

import io.rollwright.api.PolicyActivities;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.PolicyValidator;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.RequestCheck;
import io.temporal.failure.ApplicationFailure;

/**
 * Resolves a request's policy: the named one, else the inline one, else the service's own policy
 * file, else the worker's default preset. Completes it with the worker's defaults and validates it.
 */
public final class PolicyActivitiesImpl implements PolicyActivities {
  /** The worker's defaults for what a policy leaves out. */
  public record Defaults(String policy, String router, String metricProvider) {}

  private final PolicyRepository repository;
  private final PolicyValidator validator;
  private final Defaults defaults;

  public PolicyActivitiesImpl(PolicyRepository repository, PolicyValidator validator, Defaults defaults) {
    this.repository = repository;
    this.validator = validator;
    this.defaults = defaults;
  }

  @Override
  public ResolvedRelease resolve(ReleaseRequest request) {
    try {
      return resolveOrThrow(request);
    } catch (InvalidReleaseException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), InvalidReleaseException.FAILURE_TYPE);
    }
  }

  /** The resolution itself; throws {@link InvalidReleaseException} naming every field and rule at fault. */
  public ResolvedRelease resolveOrThrow(ReleaseRequest request) {
    RequestCheck.require(request);
    PolicyRepository.Found found;
    if (request.policy() != null) {
      found = repository.find(request.policy()).orElseThrow(() -> new InvalidReleaseException("policy",
          "'" + request.policy() + "' is not a known policy (presets: " + String.join(", ", PolicyRepository.PRESETS) + ")"));
    } else if (request.inlinePolicy() != null) {
      ReleasePolicy given = request.inlinePolicy().name() == null ? request.inlinePolicy().withName("inline") : request.inlinePolicy();
      found = new PolicyRepository.Found(repository.extend(given, "inlinePolicy", 0), "inline");
    } else {
      found = repository.find(request.service())
          .or(() -> repository.find(defaults.policy()))
          .orElseThrow(() -> new InvalidReleaseException("policy", "no policy for " + request.service() + " and no default policy"));
    }
    ReleasePolicy completed = found.policy().completed(defaults.router(), defaults.metricProvider());
    validator.require(completed, request.strategy());
    return new ResolvedRelease(request, completed, found.source());
  }
}
