package io.rollwright.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  static Stream<Arguments> written() {
    return Stream.of(
        Arguments.of("30s", Duration.ofSeconds(30), "30s"),
        Arguments.of("15m", Duration.ofMinutes(15), "15m"),
        Arguments.of("2h", Duration.ofHours(2), "2h"),
        Arguments.of("1h30m", Duration.ofMinutes(90), "1h30m"),
        Arguments.of("5d", Duration.ofDays(5), "5d"),
        Arguments.of("250ms", Duration.ofMillis(250), "250ms"),
        Arguments.of("1m30s", Duration.ofSeconds(90), "1m30s"),
        Arguments.of(
            "1d2h3m4s5ms",
            Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4).plusMillis(5),
            "1d2h3m4s5ms"),
        Arguments.of("0s", Duration.ZERO, "0s"),
        // ISO-8601 is accepted and written back in the short form
        Arguments.of("PT30M", Duration.ofMinutes(30), "30m"),
        Arguments.of("P1DT2H", Duration.ofHours(26), "1d2h"),
        // people type upper case and stray spaces
        Arguments.of(" 2H ", Duration.ofHours(2), "2h"),
        // over-long units are normalised when written
        Arguments.of("90m", Duration.ofMinutes(90), "1h30m"));
  }

  @ParameterizedTest(name = "{0} -> {1} -> {2}")
  @MethodSource("written")
  void parsesAndFormatsTheShortForm(String text, Duration expected, String formatted) {
    Duration parsed = DurationText.parse(text);
    assertEquals(expected, parsed);
    assertEquals(formatted, DurationText.format(parsed));
    assertEquals(
        parsed,
        DurationText.parse(DurationText.format(parsed)),
        "format must round-trip through parse");
  }

  @ParameterizedTest(name = "''{0}'' is refused")
  @ValueSource(
      strings = {"", "   ", "3 hrs", "-5m", "1x", "5", "m", "1h 30m", "30m1h", "PT", "P-", "1.5h"})
  void refusesWhatIsNotADuration(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse(text));
    assertTrue(e.getMessage().contains("'" + text + "' is not a duration"), e.getMessage());
    assertTrue(
        e.getMessage().contains("30s, 15m, 2h, 1h30m, 5d or PT30M"),
        "the message lists the accepted forms: " + e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"30, 30s", "3600, 1h", "86400, 1d", "90061, 1d1h1m1s"})
  void formatsSeconds(long seconds, String expected) {
    assertEquals(expected, DurationText.format(Duration.ofSeconds(seconds)));
  }

  @org.junit.jupiter.api.Test
  void nullIsRefusedNotAnNpe() {
    assertThrows(IllegalArgumentException.class, () -> DurationText.parse(null));
  }
}
