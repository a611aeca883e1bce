package io.rollwright.activities.policy;

import io.rollwright.api.PolicyActivities;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.RequestCheck;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.CalendarRule;
import io.rollwright.policy.DeployCalendar;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.PolicyValidator;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Roles;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.Violation;
import io.rollwright.policy.Violations;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a request's policy: the named one, else the inline one, else the service's own policy
 * file, else the worker's default preset. Completes it with the worker's defaults and validates it.
 * Roles always come from the governing policy (the service's own, else the default), whichever
 * policy runs; choosing another one is an override when the governing policy declares roles.
 */
public final class PolicyActivitiesImpl implements PolicyActivities {
  /** The worker's defaults for what a policy leaves out. */
  public record Defaults(String policy, String router, String metricProvider) {}

  private final PolicyRepository repository;
  private final PolicyValidator validator;
  private final Defaults defaults;

  public PolicyActivitiesImpl(
      PolicyRepository repository, PolicyValidator validator, Defaults defaults) {
    this.repository = repository;
    this.validator = validator;
    this.defaults = defaults;
  }

  @Override
  public ResolvedRelease resolve(ReleaseRequest request) {
    try {
      return resolveOrThrow(request);
    } catch (InvalidReleaseException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), InvalidReleaseException.FAILURE_TYPE);
    }
  }

  /**
   * The resolution itself; throws {@link InvalidReleaseException} naming every field and rule at
   * fault.
   */
  public ResolvedRelease resolveOrThrow(ReleaseRequest request) {
    RequestCheck.require(request);
    Optional<PolicyRepository.Found> governing = governing(request.service());
    PolicyRepository.Found found;
    if (request.policy() != null) {
      found =
          repository
              .find(request.policy())
              .orElseThrow(
                  () ->
                      new InvalidReleaseException(
                          "policy",
                          "'"
                              + request.policy()
                              + "' is not a known policy (presets: "
                              + String.join(", ", PolicyRepository.PRESETS)
                              + ")"));
    } else if (request.inlinePolicy() != null) {
      ReleasePolicy given =
          request.inlinePolicy().name() == null
              ? request.inlinePolicy().withName("inline")
              : request.inlinePolicy();
      found = new PolicyRepository.Found(repository.extend(given, "inlinePolicy", 0), "inline");
    } else {
      found =
          governing.orElseThrow(
              () ->
                  new InvalidReleaseException(
                      "policy", "no policy for " + request.service() + " and no default policy"));
    }
    Roles roles = governing.map(PolicyActivitiesImpl::roles).orElse(Roles.UNDECLARED);
    String override =
        roles.declared() && !found.source().equals(governing.get().source())
            ? "policy "
                + found.policy().name()
                + " ("
                + found.source()
                + ") instead of the service's own ("
                + governing.get().source()
                + ")"
            : null;
    DeployCalendar calendar = governing.map(g -> g.policy().calendar()).orElse(null);
    String type = found.policy().typeOf(request.type());
    ReleasePolicy completed =
        found
            .policy()
            .governedBy(roles, calendar)
            .ofType(type)
            .completed(defaults.router(), defaults.metricProvider());
    validator.require(completed, request.strategy());
    List<DeployCalendar> calendars = calendars(request.environment(), calendar);
    return new ResolvedRelease(
        request.ofType(type),
        request.strategy() == Strategy.ROLLBACK ? completed.undoing() : completed,
        found.source(),
        override,
        completed.type(type).passesFreezes()
            ? calendars.stream().map(DeployCalendar::withoutFreezes).toList()
            : calendars);
  }

  /**
   * The roles governing {@code service} (its own policy's, else the default policy's), valid and
   * with groups replaced by their members; {@code null}: the default policy's alone.
   */
  public Roles rolesOf(String service) {
    Optional<PolicyRepository.Found> governing =
        service == null ? repository.find(defaults.policy()) : governing(service);
    return governing.map(PolicyActivitiesImpl::roles).orElse(Roles.UNDECLARED);
  }

  /** The service's own policy, else the default one: its roles and calendar govern. */
  private Optional<PolicyRepository.Found> governing(String service) {
    return repository.find(service).or(() -> repository.find(defaults.policy()));
  }

  /**
   * The deploy calendars that govern releases of {@code service} to {@code environment}, each
   * valid, with the files they come from.
   */
  public Governing calendarsOf(String service, String environment) {
    Optional<PolicyRepository.Found> governing = governing(service);
    List<String> sources = new ArrayList<>();
    repository.global().ifPresent(g -> sources.add(g.source()));
    governing.ifPresent(g -> sources.add(g.source()));
    DeployCalendar own = governing.map(g -> g.policy().calendar()).orElse(null);
    if (own != null) {
      Violations v = new Violations();
      CalendarRule.check(governing.get().source() + ": calendar", own, v);
      if (!v.list().isEmpty()) {
        throw new InvalidReleaseException(v.list());
      }
    }
    return new Governing(calendars(environment, own), sources);
  }

  /** Deploy calendars and the policy files looked in for them. */
  public record Governing(List<DeployCalendar> calendars, List<String> sources) {}

  /**
   * The calendars governing a release to {@code environment}: the global one ({@value
   * PolicyRepository#GLOBAL}{@code .yaml}) and the service's own, where they cover it.
   */
  private List<DeployCalendar> calendars(String environment, DeployCalendar own) {
    List<DeployCalendar> all = new ArrayList<>();
    Optional<PolicyRepository.Found> global = repository.global();
    if (global.isPresent() && global.get().policy().calendar() != null) {
      Violations v = new Violations();
      CalendarRule.check(global.get().source() + ": calendar", global.get().policy().calendar(), v);
      if (!v.list().isEmpty()) {
        throw new InvalidReleaseException(v.list());
      }
      all.add(global.get().policy().calendar());
    }
    if (own != null) {
      all.add(own);
    }
    return all.stream().filter(c -> c.governs(environment)).toList();
  }

  /** The governing policy's roles, valid, with its groups replaced by their members. */
  private static Roles roles(PolicyRepository.Found governing) {
    ReleasePolicy policy = governing.policy();
    Roles roles = policy.roles() == null ? Roles.UNDECLARED : policy.roles();
    List<Violation> broken = roles.check(policy.groups());
    if (!broken.isEmpty()) {
      throw new InvalidReleaseException(
          broken.stream()
              .map(v -> new Violation(governing.source() + ": " + v.field(), v.rule()))
              .toList());
    }
    return roles.expanded(policy.groups());
  }
}
