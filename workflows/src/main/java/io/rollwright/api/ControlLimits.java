package io.rollwright.api;

/**
 * How much text a control may carry. The {@code control} update is refused (before it reaches the
 * release's history) when its actor or stage is longer than {@link #NAME_MAX}, its reason longer
 * than {@link #REASON_MAX}, or either holds a control character; a signal cannot be refused, so
 * its text is {@linkplain #clip(String, int) clipped} to the same bounds before the release keeps it.
 */
public final class ControlLimits {
  /** The longest actor (and stage name) a control may carry, in characters. */
  public static final int NAME_MAX = 200;
  /** The longest reason a control may carry, in characters. */
  public static final int REASON_MAX = 2000;
  /** The failure type a caller sees for a control the release refused before accepting it; its message is the reason. */
  public static final String REFUSED = Refusal.class.getName();

  /** Thrown by the {@code control} update's validator: the release refuses the control, for {@code getMessage()}. */
  public static final class Refusal extends RuntimeException {
    public Refusal(String why) {
      super(why, null, false, false);
    }
  }

  private ControlLimits() {}

  /** What in {@code c} is over its bounds, naming the field, or null when it is within them. */
  public static String problem(ControlCommand c) {
    if (c == null) {
      return null;
    }
    String p = problem("actor", c.actor(), NAME_MAX);
    p = p != null ? p : problem("reason", c.reason(), REASON_MAX);
    return p != null ? p : problem("stage", c.stage(), NAME_MAX);
  }

  private static String problem(String field, String text, int max) {
    if (text == null) {
      return null;
    }
    if (text.length() > max) {
      return "the control's " + field + " is " + text.length() + " characters long; at most " + max + " are accepted";
    }
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return String.format("the control's %s holds a control character (U+%04X) at position %d", field, (int) text.charAt(i), i + 1);
      }
    }
    return null;
  }

  /** {@code c} with its actor and stage clipped to {@link #NAME_MAX} and its reason to {@link #REASON_MAX}. */
  public static ControlCommand clip(ControlCommand c) {
    if (c == null) {
      return null;
    }
    return new ControlCommand(c.action(), clip(c.actor(), NAME_MAX), clip(c.reason(), REASON_MAX), clip(c.stage(), NAME_MAX));
  }

  /**
   * {@code text} with each control character replaced by a space and cut to {@code max} characters
   * ({@link #cut}). Returns {@code text} itself when it needs neither.
   */
  public static String clip(String text, int max) {
    if (text == null || text.chars().noneMatch(ch -> isControl((char) ch))) {
      return cut(text, max);
    }
    StringBuilder b = new StringBuilder(text.length());
    text.chars().forEach(ch -> b.append(isControl((char) ch) ? ' ' : (char) ch));
    return cut(b.toString(), max);
  }

  /** {@code text} cut, when longer than {@code max} characters, to {@code max} ending in '…' (never inside a surrogate pair). */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int keep = Math.max(0, max - 1);
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    return text.substring(0, keep) + '…';
  }

  private static boolean isControl(char ch) {
    return ch < 0x20 || ch == 0x7f;
  }
}
