package io.rollwright.service.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a request really comes from Slack, before anything in it is read: Slack's v0
 * signature (HMAC-SHA256 of {@code v0:<timestamp>:<body>} with the signing secret, compared in
 * constant time), a timestamp within five minutes either way, and no signature seen before.
 *
 * <p>Bolt's own verifier compares with {@code String.equals}, accepts timestamps from the future
 * and hashes with the platform charset, so this one stands in front of it.
 */
public final class SlackRequestGuard {
  /** How far a request's timestamp may be from now, either way. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  static final int SEEN_LIMIT = 100_000;

  /** The guard's decision: pass, or the HTTP status and why not. */
  public record Verdict(boolean passed, int status, String reason) {
    static final Verdict PASS = new Verdict(true, 200, "verified");

    static Verdict refuse(int status, String reason) {
      return new Verdict(false, status, reason);
    }
  }

  private final SecretKeySpec key;
  private final Map<String, Long> seen = new ConcurrentHashMap<>();

  public SlackRequestGuard(String signingSecret) {
    if (signingSecret == null || signingSecret.isBlank()) {
      throw new IllegalArgumentException(
          "rollwright.slack.signing-secret is required for the Slack interactivity endpoint");
    }
    key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** Checks one request from its two headers and raw body, at {@code nowMillis}. */
  public Verdict check(String timestamp, String signature, byte[] body, long nowMillis) {
    if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
      return Verdict.refuse(401, "missing X-Slack-Request-Timestamp or X-Slack-Signature header");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return Verdict.refuse(401, "X-Slack-Request-Timestamp is not a number of seconds");
    }
    if (Math.abs(nowMillis / 1000 - seconds) > TOLERANCE.toSeconds()) {
      return Verdict.refuse(
          401,
          "stale request: its timestamp is more than "
              + TOLERANCE.toMinutes()
              + " minutes from now");
    }
    if (!MessageDigest.isEqual(
        sign(timestamp.trim(), body), signature.trim().getBytes(StandardCharsets.UTF_8))) {
      return Verdict.refuse(
          401, "the signature does not match the body (wrong signing secret, or a forged request)");
    }
    forgetOlderThan(nowMillis);
    if (seen.putIfAbsent(signature.trim(), seconds * 1000 + TOLERANCE.toMillis()) != null) {
      return Verdict.refuse(409, "replayed request: this exact request was already handled");
    }
    if (seen.size() > SEEN_LIMIT) {
      seen.remove(signature.trim());
      return Verdict.refuse(
          503,
          "too many requests in the last "
              + TOLERANCE.toMinutes()
              + " minutes to check them for replays");
    }
    return Verdict.PASS;
  }

  /** Slack's v0 signature of a body sent at {@code timestamp}: {@code v0=<hex of HMAC-SHA256>}. */
  public byte[] sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return ("v0=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private void forgetOlderThan(long nowMillis) {
    if (seen.size() > 1024) {
      seen.values().removeIf(expiry -> expiry < nowMillis);
    }
  }
}
