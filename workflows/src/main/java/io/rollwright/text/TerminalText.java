package io.rollwright.text;

/**
 * One line of text for a terminal or a CI log, safe whatever callers put in it:
 *
 * <ul>
 *   <li>control characters (newlines, tabs, ANSI escapes, DEL, C1 controls, the Unicode line and
 *       paragraph separators, bidi overrides) are shown as visible escapes such as {@code \n} and
 *       {@code \x1b}, so a value cannot add a line, move the cursor or recolour the screen;
 *   <li>GitHub Actions workflow commands are neutralised with a zero-width space (U+200B) put
 *       between the two colons of every {@code ::} and the two hashes of every {@code ##[}, so no
 *       printed line is read as a command (and {@code %0A} in a value is never decoded);
 *   <li>a line longer than {@link #MAX} characters is cut, ending in {@code …}.
 * </ul>
 *
 * Backslashes are kept as they are. Pure, and escaping twice changes nothing more.
 */
public final class TerminalText {
  /** The longest line printed, in characters (the cut one ends in {@code …}). */
  public static final int MAX = 1000;

  private static final String ZWSP = "\u200b";

  private TerminalText() {}

  /** {@code text} as one safe printed line; {@code null} stays {@code null}. */
  public static String line(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 16);
    for (int i = 0;
        i < text.length() && out.length() <= MAX;
        i += Character.charCount(text.codePointAt(i))) {
      int c = text.codePointAt(i);
      int n = out.length();
      if (c == ':' && n > 0 && out.charAt(n - 1) == ':') {
        out.append(ZWSP);
      } else if (c == '[' && n > 1 && out.charAt(n - 1) == '#' && out.charAt(n - 2) == '#') {
        out.insert(n - 1, ZWSP);
      }
      if (ControlCharacters.escaped(c)) {
        out.append(ControlCharacters.visible(c));
      } else {
        out.appendCodePoint(c);
      }
    }
    if (out.length() <= MAX) {
      return out.toString();
    }
    int end = Character.isHighSurrogate(out.charAt(MAX - 2)) ? MAX - 2 : MAX - 1;
    return out.substring(0, end) + "…";
  }
}
