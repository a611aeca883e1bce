package io.rollwright.policy;

/**
 * One broken rule of a request or policy: the field (a JSON path such as {@code stages[1].weight})
 * and the rule.
 */
public record Violation(String field, String rule) {
  @Override
  public String toString() {
    return field + ": " + rule;
  }
}
