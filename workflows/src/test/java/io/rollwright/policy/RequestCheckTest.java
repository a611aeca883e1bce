package io.rollwright.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ControlCommand;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.RequestCheck;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each limit of {@link Limits}, per field: a value just inside is accepted, one outside is refused
 * naming the field.
 */
class RequestCheckTest {
  private static final ReleaseRequest VALID =
      new ReleaseRequest(
          "checkout",
          "2.3.0",
          "registry.example/checkout:2.3.0",
          "prod",
          Strategy.CANARY,
          "standard",
          null,
          "alice",
          "routine",
          "c0ffee");

  /** A field of the request, and how to set it. */
  private record Field(String name, Function<String, ReleaseRequest> with) {}

  private static final Field SERVICE =
      new Field(
          "service",
          v ->
              new ReleaseRequest(
                  v, "2.3.0", "img:1", "prod", Strategy.CANARY, null, null, "alice", null, null));
  private static final Field ENVIRONMENT =
      new Field(
          "environment",
          v ->
              new ReleaseRequest(
                  "checkout",
                  "2.3.0",
                  "img:1",
                  v,
                  Strategy.CANARY,
                  null,
                  null,
                  "alice",
                  null,
                  null));
  private static final Field VERSION =
      new Field(
          "version",
          v ->
              new ReleaseRequest(
                  "checkout",
                  v,
                  "img:1",
                  "prod",
                  Strategy.CANARY,
                  null,
                  null,
                  "alice",
                  null,
                  null));
  private static final Field IMAGE =
      new Field(
          "image",
          v ->
              new ReleaseRequest(
                  "checkout",
                  "2.3.0",
                  v,
                  "prod",
                  Strategy.CANARY,
                  null,
                  null,
                  "alice",
                  null,
                  null));
  private static final Field POLICY =
      new Field(
          "policy",
          v ->
              new ReleaseRequest(
                  "checkout",
                  "2.3.0",
                  "img:1",
                  "prod",
                  Strategy.CANARY,
                  v,
                  null,
                  "alice",
                  null,
                  null));
  private static final Field REQUESTED_BY =
      new Field(
          "requestedBy",
          v ->
              new ReleaseRequest(
                  "checkout",
                  "2.3.0",
                  "img:1",
                  "prod",
                  Strategy.CANARY,
                  null,
                  null,
                  v,
                  null,
                  null));
  private static final Field REASON =
      new Field(
          "reason",
          v ->
              new ReleaseRequest(
                  "checkout",
                  "2.3.0",
                  "img:1",
                  "prod",
                  Strategy.CANARY,
                  null,
                  null,
                  "alice",
                  v,
                  null));
  private static final Field CHANGE_REF =
      new Field(
          "changeRef",
          v ->
              new ReleaseRequest(
                  "checkout",
                  "2.3.0",
                  "img:1",
                  "prod",
                  Strategy.CANARY,
                  null,
                  null,
                  "alice",
                  null,
                  v));

  static Stream<Arguments> good() {
    return Stream.of(
        Arguments.of(SERVICE, "checkout"),
        Arguments.of(SERVICE, "a"),
        Arguments.of(SERVICE, "s".repeat(Limits.NAME)),
        Arguments.of(SERVICE, "check-out-2"),
        Arguments.of(ENVIRONMENT, "eu-west-1"),
        Arguments.of(POLICY, "progressive"),
        Arguments.of(VERSION, "1.4.2+build.7"),
        Arguments.of(VERSION, "v".repeat(Limits.VERSION)),
        Arguments.of(IMAGE, "registry.example/checkout@sha256:" + "a".repeat(64)),
        Arguments.of(IMAGE, "i".repeat(Limits.IMAGE)),
        Arguments.of(REQUESTED_BY, "CN=deploy-bot"),
        Arguments.of(REQUESTED_BY, "u".repeat(Limits.ACTOR)),
        Arguments.of(REASON, "hotfix for INC-42: the cart is empty — ünïcode is fine"),
        Arguments.of(REASON, "r".repeat(Limits.REASON)),
        Arguments.of(CHANGE_REF, "c".repeat(Limits.CHANGE_REF)));
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        Arguments.of(
            SERVICE,
            "Checkout",
            "service: 'Checkout' is not a DNS-1123 label (lowercase letters, digits and '-'"),
        Arguments.of(SERVICE, "-checkout", "service: '-checkout' is not a DNS-1123 label"),
        Arguments.of(SERVICE, "checkout-", "service: 'checkout-' is not a DNS-1123 label"),
        Arguments.of(SERVICE, "check.out", "service: 'check.out' is not a DNS-1123 label"),
        Arguments.of(SERVICE, "check_out", "service: 'check_out' is not a DNS-1123 label"),
        Arguments.of(SERVICE, "s".repeat(64), "service: 64 characters, at most 63"),
        Arguments.of(SERVICE, "", "service: is required"),
        Arguments.of(
            SERVICE, "check\nout", "service: contains a control character (U+000A at position 5)"),
        Arguments.of(ENVIRONMENT, "Prod", "environment: 'Prod' is not a DNS-1123 label"),
        Arguments.of(ENVIRONMENT, "p".repeat(64), "environment: 64 characters, at most 63"),
        Arguments.of(POLICY, "Standard", "policy: 'Standard' is not a DNS-1123 label"),
        Arguments.of(VERSION, "v".repeat(129), "version: 129 characters, at most 128"),
        Arguments.of(
            VERSION, "1.0\t", "version: contains a control character (U+0009 at position 3)"),
        Arguments.of(IMAGE, "i".repeat(513), "image: 513 characters, at most 512"),
        Arguments.of(REQUESTED_BY, "u".repeat(129), "requestedBy: 129 characters, at most 128"),
        Arguments.of(
            REQUESTED_BY,
            "alice\u007f",
            "requestedBy: contains a control character (U+007F at position 5)"),
        Arguments.of(REASON, "r".repeat(70000), "reason: 70000 characters, at most 2000"),
        Arguments.of(
            REASON,
            "line one\nline two",
            "reason: contains a control character (U+000A at position 8)"),
        Arguments.of(
            REASON,
            "\u001b[2Jcleared",
            "reason: contains a control character (U+001B at position 0)"),
        Arguments.of(CHANGE_REF, "c".repeat(257), "changeRef: 257 characters, at most 256"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("good")
  void acceptsGoodValues(Field field, String value) {
    assertEquals(List.of(), RequestCheck.check(field.with().apply(value)));
  }

  @ParameterizedTest(name = "{0} refused: {2}")
  @MethodSource("bad")
  void refusesBadValuesNamingTheField(Field field, String value, String expected) {
    List<Violation> found = RequestCheck.check(field.with().apply(value));
    assertEquals(1, found.size(), found::toString);
    assertEquals(field.name(), found.get(0).field());
    assertTrue(
        found.get(0).toString().startsWith(expected),
        () -> found.get(0) + " should start with: " + expected);
  }

  @Test
  void theValidRequestIsValid() {
    assertEquals(List.of(), RequestCheck.check(VALID));
  }

  private static ReleaseRequest rollback(
      String version, String image, Strategy strategy, String reason, boolean force) {
    return new ReleaseRequest(
        "checkout",
        version,
        image,
        "prod",
        strategy,
        null,
        null,
        "alice",
        reason,
        null,
        force,
        null);
  }

  @Test
  void aRollbackNeedsAReasonAndItsVersionAndImageOnlyWhenForced() {
    assertEquals(
        List.of(), RequestCheck.check(rollback(null, null, Strategy.ROLLBACK, "p95", false)));
    assertEquals(
        List.of(), RequestCheck.check(rollback("2.3.0", null, Strategy.ROLLBACK, "p95", false)));
    assertEquals(
        List.of("reason: is required for a rollback (say what it undoes and why)"),
        RequestCheck.check(rollback(null, null, Strategy.ROLLBACK, " ", false)).stream()
            .map(Violation::toString)
            .toList());
    assertEquals(
        List.of("image: must not contain spaces"),
        RequestCheck.check(rollback("2.3.0", "img 2", Strategy.ROLLBACK, "p95", false)).stream()
            .map(Violation::toString)
            .toList());
    assertEquals(
        List.of(
            "version: is required and must not be empty",
            "image: is required and must not be empty"),
        RequestCheck.check(rollback(null, null, Strategy.ROLLBACK, "p95", true)).stream()
            .map(Violation::toString)
            .toList());
    assertEquals(
        List.of("force: only a rollback can be forced (to a version never promoted)"),
        RequestCheck.check(rollback("2.3.0", "img:2", Strategy.CANARY, null, true)).stream()
            .map(Violation::toString)
            .toList());
  }

  @Test
  void theRollbackJsonTheReadmeDocumentsIsARollbackRequest() {
    ReleaseRequest chosen =
        ReleaseRequest.fromJson(
            "{\"service\":\"checkout\",\"environment\":\"prod\",\"strategy\":\"rollback\","
                + "\"requestedBy\":\"alice\",\"reason\":\"p95 doubled\"}");
    assertEquals(Strategy.ROLLBACK, chosen.strategy());
    assertEquals(List.of(), RequestCheck.check(chosen));
    ReleaseRequest forced =
        ReleaseRequest.fromJson(
            "{\"service\":\"checkout\",\"environment\":\"prod\",\"strategy\":\"rollback\","
                + "\"requestedBy\":\"alice\",\"reason\":\"hotfix\",\"version\":\"2.3.1\","
                + "\"image\":\"registry.example/checkout:2.3.1\",\"force\":true}");
    assertTrue(forced.forced());
    assertEquals(List.of(), RequestCheck.check(forced));
  }

  @Test
  void controlsHaveTheSameLimitsForActorAndReason() {
    assertEquals(List.of(), RequestCheck.control("alice", "r".repeat(Limits.REASON)));
    assertEquals(List.of(), RequestCheck.control(null, null));
    assertEquals(
        List.of("actor: 129 characters, at most 128", "reason: 2001 characters, at most 2000"),
        RequestCheck.control("a".repeat(129), "r".repeat(2001)).stream()
            .map(Violation::toString)
            .toList());
    assertEquals(
        List.of(
            "reason: contains a control character (U+000A at position 3); only printable text is allowed"),
        RequestCheck.control("bob", "bad\n").stream().map(Violation::toString).toList());
    assertEquals(
        List.of("stage"),
        RequestCheck.control(
                new ControlCommand(ControlCommand.Action.APPROVE, "bob", null, "s".repeat(64)))
            .stream()
            .map(Violation::field)
            .toList());
  }

  @Test
  void aCommitTimeMayBeUpToTheClockSkewAheadNoMore() {
    Instant now = Instant.parse("2026-12-01T12:00:00Z");
    assertEquals(
        List.of(), RequestCheck.committedAt("changeCommittedAt", now.minusSeconds(3600), now));
    assertEquals(
        List.of(), RequestCheck.committedAt("changeCommittedAt", now.plus(Limits.CLOCK_SKEW), now));
    assertEquals(List.of(), RequestCheck.committedAt("changeCommittedAt", null, now));
    List<Violation> future =
        RequestCheck.committedAt(
            "changeCommittedAt", now.plus(Limits.CLOCK_SKEW).plusSeconds(1), now);
    assertEquals(1, future.size());
    assertEquals(
        "changeCommittedAt: 2026-12-01T12:05:01Z is in the future (now 2026-12-01T12:00:00Z; clocks may differ by at most 5m)",
        future.get(0).toString());
  }
}
