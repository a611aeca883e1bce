package io.rollwright.text;

/**
 * Text for a Slack message (mrkdwn), safe whatever callers put in it: {@code &}, {@code <} and
 * {@code >} become their HTML entities ({@code &} then {@code amp;}, {@code lt;}, {@code gt;}) as
 * Slack documents, so {@code <!channel>}, {@code <@U123>} and {@code <https://…|links>} are shown
 * literally and mention or link nobody; control characters other than the newline are shown as
 * visible escapes (see {@link TerminalText}); and the text is cut at {@link #MAX} characters,
 * ending in {@code …}, never inside an entity. Mrkdwn emphasis ({@code *}, {@code _}, {@code ~},
 * back-ticks) is left alone: it can style but not notify. Pure.
 */
public final class SlackText {
  /** The longest text, in characters: two of them joined stay under a section block's 3,000. */
  public static final int MAX = 1400;

  private SlackText() {}

  /** {@code text} escaped for mrkdwn; {@code null} stays {@code null}. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 16);
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      int c = text.codePointAt(i);
      String piece =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '\n' -> "\n";
            default ->
                ControlCharacters.escaped(c)
                    ? ControlCharacters.visible(c)
                    : new String(Character.toChars(c));
          };
      boolean last = i + Character.charCount(c) == text.length();
      if (out.length() + piece.length() > (last ? MAX : MAX - 1)) {
        return out.append('…').toString();
      }
      out.append(piece);
    }
    return out.toString();
  }
}
