package io.rollwright.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackTextTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
      plain text stays      | checkout 2.3.0 → prod ✅       | checkout 2.3.0 → prod ✅
      channel mention       | "<!channel> look"              | "&lt;!channel&gt; look"
      user mention          | "ping <@U123>"                 | "ping &lt;@U123&gt;"
      link                  | "<https://evil|click>"         | "&lt;https://evil|click&gt;"
      ampersand first       | "a & b &lt;"                   | "a &amp; b &amp;lt;"
      emphasis is kept      | "*bold* _it_"                  | "*bold* _it_"
      """)
  void escapes(String name, String given, String shown) {
    assertEquals(shown, SlackText.escape(given));
  }

  @Test
  void newlinesStayOtherControlCharactersAreShown() {
    assertEquals("a\nb\\x1b[31mc\\rd\\te", SlackText.escape("a\nb\u001b[31mc\rd\te"));
  }

  @Test
  void aVeryLongValueIsCutWithAnEllipsisNeverInsideAnEntity() {
    String shown = SlackText.escape("x".repeat(SlackText.MAX - 3) + "<<<<");
    assertEquals("x".repeat(SlackText.MAX - 3) + "…", shown);
    assertEquals(SlackText.MAX, SlackText.escape("y".repeat(50_000)).length());
    assertTrue(SlackText.escape("y".repeat(50_000)).endsWith("y…"));
    assertEquals(
        "y".repeat(SlackText.MAX),
        SlackText.escape("y".repeat(SlackText.MAX)),
        "exactly the limit is kept whole");
  }

  @Test
  void nullStaysNull() {
    assertNull(SlackText.escape(null));
  }
}
