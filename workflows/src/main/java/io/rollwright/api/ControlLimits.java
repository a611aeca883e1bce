package io.rollwright.api;

import io.rollwright.policy.Limits;

/**
 * A control's text within {@link Limits}. The {@code control} update's validator refuses a control
 * that breaks them (checked by {@code RequestCheck.control}, as at every door), so it never reaches
 * the release's history; a signal cannot be refused, so its text is {@linkplain
 * #clip(ControlCommand) clipped} to the same bounds before the release keeps it.
 */
public final class ControlLimits {
  /**
   * The failure type a caller sees for a control the release refused before accepting it; its
   * message is the reason.
   */
  public static final String REFUSED = Refusal.class.getName();

  /** The failure type of a control refused because its sender lacks the role it needs. */
  public static final String FORBIDDEN = Forbidden.class.getName();

  /**
   * Thrown by the {@code control} update's validator: the release refuses the control, for {@code
   * getMessage()}.
   */
  public static final class Refusal extends RuntimeException {
    public Refusal(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * Thrown by the {@code control} update's validator when the sender lacks the role the control
   * needs.
   */
  public static final class Forbidden extends RuntimeException {
    public Forbidden(String why) {
      super(why, null, false, false);
    }
  }

  private ControlLimits() {}

  /**
   * {@code c} with its actor, reason and stage clipped to {@link Limits#ACTOR}, {@link
   * Limits#REASON} and {@link Limits#NAME}.
   */
  public static ControlCommand clip(ControlCommand c) {
    if (c == null) {
      return null;
    }
    return new ControlCommand(
        c.action(),
        clip(c.actor(), Limits.ACTOR),
        clip(c.reason(), Limits.REASON),
        clip(c.stage(), Limits.NAME));
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

  /**
   * {@code text} cut, when longer than {@code max} characters, to {@code max} ending in '…' (never
   * inside a surrogate pair).
   */
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
