package io.rollwright.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects violations with the field rules every validator shares (presence, length, characters, names). */
final class Violations {
  static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

  private final List<Violation> found = new ArrayList<>();

  void add(String field, String rule) {
    found.add(new Violation(field, rule));
  }

  List<Violation> list() {
    return List.copyOf(found);
  }

  /** A required text: present, not blank, at most {@code max} characters, no control characters. */
  boolean required(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      add(field, "is required and must not be empty");
      return false;
    }
    return optional(field, value, max);
  }

  /** An optional text: if present, at most {@code max} characters and no control characters. */
  boolean optional(String field, String value, int max) {
    if (value == null) {
      return true;
    }
    if (value.length() > max) {
      add(field, "must be at most " + max + " characters (got " + value.length() + ")");
      return false;
    }
    if (CONTROL.matcher(value).find()) {
      add(field, "must not contain control characters");
      return false;
    }
    return true;
  }

  /** A required lower-case name usable as a Kubernetes label and a Temporal workflow ID part. */
  void name(String field, String value) {
    if (required(field, value, 63) && !NAME.matcher(value).matches()) {
      add(field, "must be lower-case letters, digits and '-', starting and ending with a letter or digit (got '" + value + "')");
    }
  }

  /** A number within [{@code lo}, {@code hi}]. */
  void within(String field, double value, double lo, double hi, String unit) {
    if (Double.isNaN(value) || value < lo || value > hi) {
      add(field, "must be between " + plain(lo) + " and " + plain(hi) + unit + " (got " + plain(value) + ")");
    }
  }

  static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
