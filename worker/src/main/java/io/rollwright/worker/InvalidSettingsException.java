package io.rollwright.worker;

import java.util.List;

/**
 * The worker's settings cannot make a working worker: what is wrong with each, and what to do about
 * it.
 */
final class InvalidSettingsException extends RuntimeException {
  private final List<String> problems;
  private final String action;

  InvalidSettingsException(List<String> problems, String action) {
    super(String.join("\n", problems) + "\n" + action);
    this.problems = List.copyOf(problems);
    this.action = action;
  }

  /** One line per setting at fault. */
  String description() {
    return String.join("\n", problems);
  }

  String action() {
    return action;
  }
}
