package io.rollwright.activities.preflight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwright.activities.webhook.WebhookCaller;
import io.rollwright.analysis.Verdict;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.Violations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

/**
 * Asks the team's own endpoint whether the release may go ({@code check: webhook}), at pre-flight
 * or before a stage's traffic change: a signed POST of {@link Payload} to {@code url}; 2xx passes,
 * any other answer fails, no answer is inconclusive (it blocks at pre-flight and pauses before a
 * stage). Secrets are the worker's ({@code rollwright.webhooks.secrets.<name>}), named by the
 * policy, never written in it.
 */
public final class WebhookCheck implements PreflightCheck {
  /** The name policies use. */
  public static final String NAME = "webhook";

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final int DEFAULT_RETRIES = 2;
  static final int MAX_URL = 2000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the endpoint is sent: which release, where it stands, and what is asked. */
  public record Payload(
      String phase,
      String releaseId,
      String service,
      String version,
      String environment,
      String requestedBy,
      String changeRef,
      String stage,
      double weight) {}

  private final WebhookCaller caller;
  private final Map<String, String> secrets;

  public WebhookCheck(WebhookCaller caller, Map<String, String> secrets) {
    this.caller = caller;
    this.secrets = Map.copyOf(secrets);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void checkSettings(String field, PreflightSettings s, Violations v) {
    if (s.url() == null || s.url().isBlank()) {
      v.add(field + ".url", "is required: the endpoint to ask");
    } else if (s.url().length() > MAX_URL) {
      v.add(field + ".url", s.url().length() + " characters, at most " + MAX_URL);
    } else if (uri(s.url()) == null) {
      v.add(field + ".url", "must be an absolute http or https URL (got " + s.url() + ")");
    }
    Duration timeout = timeout(s);
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0
        || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
      v.add(
          field + ".timeout",
          "must be between 1s and 2m (got " + DurationText.format(timeout) + ")");
    }
    if (retries(s) < 0 || retries(s) > 10) {
      v.add(field + ".retries", "must be between 0 and 10 (got " + retries(s) + ")");
    }
    if (s.secret() != null && !secrets.containsKey(s.secret())) {
      v.add(
          field + ".secret",
          "names secret '"
              + s.secret()
              + "', which this worker's rollwright.webhooks.secrets do not define");
    }
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings s) {
    return runAt(release, s, PREFLIGHT, null, 0);
  }

  /**
   * Sends the payload for {@code phase} (and {@code stage}, {@code weight} at one) and judges the
   * answer.
   */
  @Override
  public PreflightResult runAt(
      ResolvedRelease release, PreflightSettings s, String phase, String stage, double weight) {
    ReleaseRequest r = release.request();
    String body;
    try {
      body =
          JSON.writeValueAsString(
              new Payload(
                  phase,
                  r.releaseId(),
                  r.service(),
                  r.version(),
                  r.environment(),
                  r.requestedBy(),
                  r.changeRef(),
                  stage,
                  weight));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    WebhookCaller.Answer answer =
        caller.call(
            uri(s.url()),
            body,
            timeout(s),
            retries(s),
            s.secret() == null ? null : secrets.get(s.secret()));
    return answer.verdict() == Verdict.INCONCLUSIVE
        ? PreflightResult.undecided(name(), "inconclusive: " + answer.detail())
        : new PreflightResult(name(), answer.verdict() == Verdict.PASS, answer.detail());
  }

  private static Duration timeout(PreflightSettings s) {
    return s.timeout() == null ? DEFAULT_TIMEOUT : s.timeout();
  }

  private static int retries(PreflightSettings s) {
    return s.retries() == null ? DEFAULT_RETRIES : s.retries();
  }

  private static URI uri(String url) {
    try {
      URI uri = new URI(url);
      return uri.isAbsolute()
              && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
              && uri.getHost() != null
          ? uri
          : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
