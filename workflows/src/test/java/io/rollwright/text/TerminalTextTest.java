package io.rollwright.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalTextTest {
  private static final String Z = "\u200b";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      plain text stays                | checkout 2.3.0 → prod ✅                | checkout 2.3.0 → prod ✅
      newline injection               | "ok\\n::error::pwned"                   | "ok\\n:Z:error:Z:pwned"
      carriage return and tab         | "a\\rb\\tc"                             | "a\\rb\\tc"
      set-output at the start         | "::set-output name=x::1"                | ":Z:set-output name=x:Z:1"
      leading spaces do not help      | "   ::warning::x"                       | "   :Z:warning:Z:x"
      three colons                    | ":::"                                   | ":Z:Z:"
      legacy command                  | "##[error]x"                            | "#Z#[error]x"
      ANSI colour                     | "\\u001b[31mred\\u001b[0m"              | "\\x1b[31mred\\x1b[0m"
      DEL and C1 CSI                  | "a\\u007fb\\u009bc"                     | "a\\x7fb\\x9bc"
      line separator and bidi         | "a\\u2028b\\u202ec"                     | "a\\u2028b\\u202ec"
      percent-encoding is left alone  | "%0A::x"                                | "%0A:Z:x"
      """)
  void escapes(String name, String given, String shown) {
    assertEquals(shown.replace("Z", Z), TerminalText.line(unescape(given)));
  }

  /**
   * The table's {@code \\n}, {@code \\t}, {@code \\r} and {@code \\uXXXX} as the characters they
   * name.
   */
  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && "ntru".indexOf(s.charAt(i + 1)) >= 0) {
        char k = s.charAt(++i);
        if (k == 'u') {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        } else {
          out.append(k == 'n' ? '\n' : k == 't' ? '\t' : '\r');
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Test
  void theTableHelperReallyMakesControlCharacters() {
    assertEquals("a\nb\u001b", unescape("a\\nb\\u001b"));
  }

  @Test
  void noPrintedLineCanStartACommandOrHoldALineBreak() {
    String shown = TerminalText.line("reason: ok\r\n::error file=x::pwned\n  ::add-mask::secret");
    assertFalse(shown.contains("\n") || shown.contains("\r"), shown);
    assertFalse(shown.contains("::"), shown);
    assertTrue(shown.startsWith("reason: ok\\r\\n:"), shown);
  }

  @Test
  void aVeryLongValueIsCutWithAnEllipsis() {
    String shown = TerminalText.line("x".repeat(100_000));
    assertEquals(TerminalText.MAX, shown.length());
    assertTrue(shown.endsWith("x…"), shown.substring(shown.length() - 5));
    assertEquals(
        "y".repeat(TerminalText.MAX),
        TerminalText.line("y".repeat(TerminalText.MAX)),
        "exactly the limit is kept whole");
  }

  @Test
  void aCutNeverSplitsAnEmoji() {
    String shown = TerminalText.line("x".repeat(TerminalText.MAX - 2) + "🚀🚀🚀");
    assertEquals("x".repeat(TerminalText.MAX - 2) + "…", shown);
  }

  @Test
  void escapingTwiceChangesNothingMore() {
    String once = TerminalText.line("a\u001b::b\n##[x" + "z".repeat(2000));
    assertEquals(once, TerminalText.line(once));
  }

  @Test
  void nullStaysNull() {
    assertNull(TerminalText.line(null));
  }
}
