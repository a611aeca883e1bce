package io.rollwright.service.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.users.UsersInfoResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a Slack user to the approver identity policies name: the email address on their Slack
 * profile ({@code users.info}, which needs the {@code users:read.email} scope). Answers are cached
 * for an hour, misses for a minute, so a busy gate costs Slack one call per approver.
 */
public final class SlackIdentities {
  private static final Logger log = LoggerFactory.getLogger(SlackIdentities.class);
  static final Duration KEEP = Duration.ofHours(1);
  static final Duration KEEP_MISS = Duration.ofMinutes(1);

  private record Entry(Optional<String> email, long until) {}

  private final MethodsClient slack;
  private final LongSupplier clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  public SlackIdentities(MethodsClient slack, LongSupplier clock) {
    this.slack = slack;
    this.clock = clock;
  }

  /**
   * The approver identity of Slack user {@code userId}, or empty when Slack shows no email for
   * them.
   */
  public Optional<String> approverOf(String userId) {
    long now = clock.getAsLong();
    Entry known = cache.get(userId);
    if (known != null && known.until() > now) {
      return known.email();
    }
    Optional<String> email = lookUp(userId);
    cache.put(userId, new Entry(email, now + (email.isPresent() ? KEEP : KEEP_MISS).toMillis()));
    return email;
  }

  private Optional<String> lookUp(String userId) {
    try {
      UsersInfoResponse info = slack.usersInfo(r -> r.user(userId));
      if (!info.isOk() || info.getUser() == null || info.getUser().getProfile() == null) {
        log.warn(
            "Slack user {} cannot be mapped to an approver: {}",
            userId,
            info.isOk() ? "no profile" : info.getError());
        return Optional.empty();
      }
      String email = info.getUser().getProfile().getEmail();
      return email == null || email.isBlank()
          ? Optional.empty()
          : Optional.of(email.trim().toLowerCase(java.util.Locale.ROOT));
    } catch (IOException | SlackApiException e) {
      log.warn("Slack user {} cannot be looked up: {}", userId, e.getMessage());
      return Optional.empty();
    }
  }
}
