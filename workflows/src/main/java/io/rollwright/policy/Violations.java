package io.rollwright.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects violations with the field rules every validator shares (presence, length, characters,
 * names).
 */
public final class Violations {
  static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  /** Control characters: U+0000–U+001F (newline and tab included), U+007F–U+009F. */
  private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

  /** Invisible formatting (zero-width, bidi controls, soft hyphen...) and non-breaking spaces. */
  private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\u00A0\\u2007\\u202F]");

  /** The same, but a multi-line text (a query) may have newlines and tabs. */
  private static final Pattern CONTROL_IN_TEXT = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");

  private final List<Violation> found = new ArrayList<>();

  public void add(String field, String rule) {
    found.add(new Violation(field, rule));
  }

  public void addAll(List<Violation> more) {
    found.addAll(more);
  }

  public List<Violation> list() {
    return List.copyOf(found);
  }

  /**
   * A required line of text: present, not blank, at most {@code max} characters, no control
   * characters (not even a newline).
   */
  public boolean required(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      add(field, "is required and must not be empty");
      return false;
    }
    return optional(field, value, max);
  }

  /**
   * An optional line of text: if present, at most {@code max} characters and no control characters
   * (not even a newline).
   */
  public boolean optional(String field, String value, int max) {
    return value == null || fits(field, value, max, CONTROL);
  }

  /**
   * A required text that may span lines (newlines and tabs allowed, other control characters not).
   */
  public boolean requiredText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      add(field, "is required and must not be empty");
      return false;
    }
    return fits(field, value, max, CONTROL_IN_TEXT);
  }

  private boolean fits(String field, String value, int max, Pattern control) {
    if (value.length() > max) {
      add(field, value.length() + " characters, at most " + max);
      return false;
    }
    Matcher bad = control.matcher(value);
    if (bad.find()) {
      add(
          field,
          "contains a control character (U+%04X at position %d); only printable text is allowed"
              .formatted((int) bad.group().charAt(0), bad.start()));
      return false;
    }
    return true;
  }

  /**
   * Who someone is, if given: one visible token of at most {@link Limits#ACTOR} characters, with no
   * space, control character or invisible formatting character (zero-width, bidi), so no identity
   * can pass for another one in the audit, Slack or a terminal.
   */
  public void identity(String field, String value, boolean required) {
    if (!(required ? required(field, value, Limits.ACTOR) : optional(field, value, Limits.ACTOR))
        || value == null) {
      return;
    }
    Matcher hidden = INVISIBLE.matcher(value);
    if (hidden.find()) {
      add(
          field,
          "contains an invisible character (U+%04X at position %d); an identity is one visible word"
              .formatted((int) hidden.group().charAt(0), hidden.start()));
    } else if (value.chars().anyMatch(Character::isWhitespace)) {
      add(field, "must be one identity without spaces or line breaks");
    }
  }

  /** A required DNS-1123 label: a Kubernetes name and a part of the Temporal workflow ID. */
  public void name(String field, String value) {
    if (required(field, value, Limits.NAME) && !NAME.matcher(value).matches()) {
      add(
          field,
          "'"
              + value
              + "' is not a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)");
    }
  }

  /** A number that must be finite (NaN and Infinity are no limit, no weight). */
  public boolean finite(String field, Double value) {
    if (value != null && !Double.isFinite(value)) {
      add(field, "must be a finite number (got " + value + ")");
      return false;
    }
    return true;
  }

  /** A number within [{@code lo}, {@code hi}]. */
  public void within(String field, double value, double lo, double hi, String unit) {
    if (!Double.isFinite(value)) {
      add(
          field,
          "must be a finite number between "
              + plain(lo)
              + " and "
              + plain(hi)
              + unit
              + " (got "
              + value
              + ")");
    } else if (value < lo || value > hi) {
      add(
          field,
          "must be between "
              + plain(lo)
              + " and "
              + plain(hi)
              + unit
              + " (got "
              + plain(value)
              + ")");
    }
  }

  /** A required choice among {@code names}, a {@code what} ("traffic router"). */
  public boolean oneOf(String field, String value, Set<String> names, String what) {
    if (value == null || value.isBlank()) {
      add(field, "is required (known: " + String.join(", ", names) + ")");
      return false;
    }
    if (!names.contains(value)) {
      add(
          field,
          "'"
              + value
              + "' is not a known "
              + what
              + " (known: "
              + String.join(", ", names.stream().sorted().toList())
              + ")");
      return false;
    }
    return true;
  }

  /** A duration within [{@code lo}, {@code hi}]. */
  public void between(String field, Duration d, Duration lo, Duration hi) {
    if (d.compareTo(lo) < 0 || d.compareTo(hi) > 0) {
      add(
          field,
          "must be between "
              + DurationText.format(lo)
              + " and "
              + DurationText.format(hi)
              + " (got "
              + DurationText.format(d)
              + ")");
    }
  }

  public static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
