package io.rollwright.activities.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.ReleaseJson;
import io.rollwright.policy.ReleasePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds policies by name: the operators' policy files first (one per service, or shared), then the
 * presets shipped with Rollwright. Resolves {@code extends} chains.
 */
public final class PolicyRepository {
  /** The presets shipped with Rollwright, from the release processes it was designed from. */
  public static final List<String> PRESETS =
      List.of("quick", "standard", "cohorts", "progressive", "channels");

  /**
   * The file, among the operators' policy files, whose {@code calendar} governs every release (not
   * a service name: those are DNS labels).
   */
  public static final String GLOBAL = "_global";

  private static final int MAX_EXTENDS = 5;

  /** A policy and where it came from. */
  public record Found(ReleasePolicy policy, String source) {}

  private final ObjectMapper yaml = ReleaseJson.strict(new ObjectMapper(new YAMLFactory()));
  private final List<PolicyFiles> places;

  public PolicyRepository(List<PolicyFiles> operatorFiles) {
    places = new ArrayList<>(operatorFiles);
    places.add(new ClasspathPolicyFiles("rollwright/presets/"));
  }

  /** The named policy with its {@code extends} chain resolved, if any place has it. */
  public Optional<Found> find(String name) {
    return find(name, 0);
  }

  private Optional<Found> find(String name, int depth) {
    for (PolicyFiles place : places) {
      Optional<String> text = place.read(name);
      if (text.isPresent()) {
        String source = place.describe(name);
        ReleasePolicy policy = parse(text.get(), source);
        if (policy.name() == null) {
          policy = policy.withName(name);
        }
        return Optional.of(new Found(extend(policy, source, depth), source));
      }
    }
    return Optional.empty();
  }

  /** The global policy file ({@value #GLOBAL}), if the operators wrote one. */
  public Optional<Found> global() {
    return find(GLOBAL);
  }

  /** Lays the policy over the one it extends, if any. */
  public ReleasePolicy extend(ReleasePolicy policy, String source, int depth) {
    if (policy.parent() == null) {
      return policy;
    }
    if (depth >= MAX_EXTENDS) {
      throw new InvalidReleaseException(
          source + ": extends", "chain is longer than " + MAX_EXTENDS + " (a cycle?)");
    }
    Found parent =
        find(policy.parent(), depth + 1)
            .orElseThrow(
                () ->
                    new InvalidReleaseException(
                        source + ": extends",
                        "'"
                            + policy.parent()
                            + "' is not a known policy (presets: "
                            + String.join(", ", PRESETS)
                            + ")"));
    return policy.over(parent.policy());
  }

  private ReleasePolicy parse(String text, String source) {
    try {
      ReleasePolicy p = yaml.readValue(text, ReleasePolicy.class);
      if (p == null) {
        throw new InvalidReleaseException(source, "is empty");
      }
      return p;
    } catch (JsonProcessingException e) {
      throw ReleaseJson.invalid(e, source + ": policy");
    }
  }
}
