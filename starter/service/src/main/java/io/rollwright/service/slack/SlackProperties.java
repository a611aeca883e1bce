package io.rollwright.service.slack;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code rollwright.slack.*}: the bot token (for {@code users.info}, {@code views.open}, {@code
 * chat.postEphemeral}), the signing secret for the HTTP endpoint at {@code path}, or the app-level
 * token for Socket Mode, and where Slack's Web API is.
 */
@ConfigurationProperties("rollwright.slack")
public record SlackProperties(
    String token,
    String signingSecret,
    String appToken,
    String apiUrl,
    String path,
    Duration answerWithin) {
  public SlackProperties {
    path = path == null || path.isBlank() ? "/slack/events" : path;
    answerWithin = answerWithin == null ? Duration.ofMillis(2500) : answerWithin;
  }
}
