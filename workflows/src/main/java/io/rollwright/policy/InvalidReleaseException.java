package io.rollwright.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A request or policy that breaks one or more rules. The message names every field and rule. */
public class InvalidReleaseException extends RuntimeException {
  /**
   * The failure type used when this crosses an activity boundary as an {@code ApplicationFailure}.
   */
  public static final String FAILURE_TYPE = "InvalidRelease";

  private final transient List<Violation> violations;

  public InvalidReleaseException(List<Violation> violations) {
    super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public InvalidReleaseException(String field, String rule) {
    this(List.of(new Violation(field, rule)));
  }

  public List<Violation> violations() {
    return violations;
  }
}
