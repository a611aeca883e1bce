package io.rollwright.service.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlackRequestGuardTest {
  /**
   * Slack's own worked example: https://docs.slack.dev/authentication/verifying-requests-from-slack
   */
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

  private static final String TIMESTAMP = "1531420618";
  private static final byte[] BODY =
      ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
              + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
              + "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
          .getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
  private static final long NOW = 1531420618_000L + 30_000;

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("Slack's example", TIMESTAMP, SIGNATURE, BODY, NOW, 200, "verified"),
        Arguments.of(
            "no timestamp",
            null,
            SIGNATURE,
            BODY,
            NOW,
            401,
            "missing X-Slack-Request-Timestamp or X-Slack-Signature header"),
        Arguments.of(
            "no signature",
            TIMESTAMP,
            " ",
            BODY,
            NOW,
            401,
            "missing X-Slack-Request-Timestamp or X-Slack-Signature header"),
        Arguments.of(
            "timestamp not a number",
            "yesterday",
            SIGNATURE,
            BODY,
            NOW,
            401,
            "X-Slack-Request-Timestamp is not a number of seconds"),
        Arguments.of(
            "five minutes and a second old",
            TIMESTAMP,
            SIGNATURE,
            BODY,
            1531420618_000L + 301_000,
            401,
            "stale request: its timestamp is more than 5 minutes from now"),
        Arguments.of(
            "from six minutes in the future",
            TIMESTAMP,
            SIGNATURE,
            BODY,
            1531420618_000L - 360_000,
            401,
            "stale request: its timestamp is more than 5 minutes from now"),
        Arguments.of(
            "exactly five minutes old",
            TIMESTAMP,
            SIGNATURE,
            BODY,
            1531420618_000L + 300_000,
            200,
            "verified"),
        Arguments.of(
            "body changed",
            TIMESTAMP,
            SIGNATURE,
            "token=other".getBytes(StandardCharsets.UTF_8),
            NOW,
            401,
            "the signature does not match the body (wrong signing secret, or a forged request)"),
        Arguments.of(
            "signature of another secret",
            TIMESTAMP,
            "v0=" + "0".repeat(64),
            BODY,
            NOW,
            401,
            "the signature does not match the body (wrong signing secret, or a forged request)"),
        Arguments.of(
            "signature cut short",
            TIMESTAMP,
            SIGNATURE.substring(0, 20),
            BODY,
            NOW,
            401,
            "the signature does not match the body (wrong signing secret, or a forged request)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void decides(
      String label,
      String timestamp,
      String signature,
      byte[] body,
      long now,
      int status,
      String reason) {
    SlackRequestGuard.Verdict verdict =
        new SlackRequestGuard(SECRET).check(timestamp, signature, body, now);
    assertEquals(status, verdict.status());
    assertEquals(reason, verdict.reason());
    assertEquals(status == 200, verdict.passed());
  }

  @Test
  void theSameRequestTwiceIsAReplay() {
    SlackRequestGuard guard = new SlackRequestGuard(SECRET);
    assertEquals(200, guard.check(TIMESTAMP, SIGNATURE, BODY, NOW).status());
    SlackRequestGuard.Verdict again = guard.check(TIMESTAMP, SIGNATURE, BODY, NOW + 1000);
    assertEquals(409, again.status());
    assertEquals("replayed request: this exact request was already handled", again.reason());
  }

  @Test
  void aForgedRequestIsNotRememberedSoItCannotBlockTheRealOne() {
    SlackRequestGuard guard = new SlackRequestGuard(SECRET);
    assertEquals(
        401,
        guard
            .check(TIMESTAMP, SIGNATURE, "token=forged".getBytes(StandardCharsets.UTF_8), NOW)
            .status());
    assertEquals(200, guard.check(TIMESTAMP, SIGNATURE, BODY, NOW).status());
  }

  @Test
  void anEndpointWithoutASecretDoesNotStart() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new SlackRequestGuard(" "));
    assertEquals(
        "rollwright.slack.signing-secret is required for the Slack interactivity endpoint",
        e.getMessage());
  }
}
