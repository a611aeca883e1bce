package io.rollwright.activities.webhook;

import io.rollwright.analysis.Verdict;
import io.rollwright.api.ControlLimits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Asks a team's own HTTP endpoint about a release: POSTs a JSON payload, signed with HMAC-SHA256
 * when a secret is given ({@code X-Rollwright-Signature: sha256=<hex of the body's HMAC>}). A 2xx
 * answer passes, any other answer fails naming the status and the start of the body, and no answer
 * (timeout, connection refused) is INCONCLUSIVE once {@code retries} more attempts found none.
 */
public final class WebhookCaller {
  /** The header carrying the body's signature. */
  public static final String SIGNATURE = "X-Rollwright-Signature";

  /** How much of an answer's body a verdict quotes. */
  static final int QUOTED = 200;

  /** What the endpoint said. */
  public record Answer(Verdict verdict, String detail) {}

  private final HttpClient http;
  private final Duration pause;

  /** {@code pause}: the wait before the first retry, doubled before each further one. */
  public WebhookCaller(Duration pause) {
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    this.pause = pause;
  }

  /** POSTs {@code body} to {@code url}; {@code secret} signs it, or null for no signature. */
  public Answer call(URI url, String body, Duration timeout, int retries, String secret) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Rollwright")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (secret != null) {
      request.header(SIGNATURE, "sha256=" + sign(secret, body));
    }
    String lastError = null;
    for (int attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        sleep(pause.multipliedBy(1L << Math.min(attempt - 1, 5)));
      }
      try {
        HttpResponse<String> answer =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = answer.statusCode();
        String said = quoted(answer.body());
        return status / 100 == 2
            ? new Answer(Verdict.PASS, url.getHost() + " answered " + status)
            : new Answer(
                Verdict.FAIL,
                url.getHost() + " answered " + status + (said.isEmpty() ? "" : ": " + said));
      } catch (HttpTimeoutException e) {
        lastError = "no answer within " + timeout.toSeconds() + "s";
      } catch (IOException e) {
        lastError = "unreachable (" + e.getClass().getSimpleName() + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while calling " + url.getHost(), e);
      }
    }
    return new Answer(
        Verdict.INCONCLUSIVE,
        url.getHost() + " " + lastError + " (" + (retries + 1) + " attempt(s))");
  }

  /** The hex HMAC-SHA256 of {@code body} under {@code secret}, as {@link #SIGNATURE} carries it. */
  public static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String quoted(String body) {
    return body == null ? "" : ControlLimits.clip(body.replaceAll("\\s+", " ").strip(), QUOTED);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted between webhook attempts", e);
    }
  }
}
