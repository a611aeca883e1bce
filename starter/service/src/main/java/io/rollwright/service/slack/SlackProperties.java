package io.rollwright.service.slack;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code rollwright.slack.*}: the bot token (for {@code users.info}, {@code views.open}, {@code
 * chat.postEphemeral}), the signing secret for the HTTP endpoint at {@code path}, or the app-level
 * token for Socket Mode, where Slack's Web API is, and how long a click on Approve waits for the
 * release's answer before the clicker is told it is not counted yet (30 seconds unless set), and
 * the slash command that flips kill switches ({@code /rollwright} unless set).
 */
@ConfigurationProperties("rollwright.slack")
public record SlackProperties(
    String token,
    String signingSecret,
    String appToken,
    String apiUrl,
    String path,
    Duration answerWithin,
    String command) {
  public SlackProperties {
    path = path == null || path.isBlank() ? "/slack/events" : path;
    answerWithin = answerWithin == null ? Duration.ofSeconds(30) : answerWithin;
    command = command == null || command.isBlank() ? "/rollwright" : command;
  }
}
