package io.rollwright.text;

/**
 * Which characters never reach a reader as they are, and how they are shown instead: C0 controls
 * (below 0x20), DEL (0x7f), C1 controls (0x80–0x9f), the Unicode line and paragraph separators and
 * the bidirectional overrides and isolates, which can break or reorder a line.
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  /** Whether {@code c} must be shown escaped. */
  public static boolean escaped(int c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == 0x2028
        || c == 0x2029
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }

  /**
   * {@code c} as visible text: {@code \n}, {@code \r}, {@code \t}, else {@code \xNN}, or a
   * backslash, {@code u} and four hex digits.
   */
  public static String visible(int c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> c <= 0xff ? String.format("\\x%02x", c) : String.format("\\u%04x", c);
    };
  }
}
