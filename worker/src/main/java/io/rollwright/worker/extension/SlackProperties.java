package io.rollwright.worker.extension;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Slack notifier under {@code rollwright.slack.*}, used when a bot token is set.
 *
 * @param token the bot token ({@code xoxb-…}), from a Secret
 * @param channel the channel releases are told in
 * @param apiUrl Slack's Web API base, for a proxy or a test server (default Slack's own)
 * @param oncall who the replies that page on-call mention ({@code <!subteam^S0123ABC>}), or none
 */
@ConfigurationProperties("rollwright.slack")
public record SlackProperties(String token, String channel, String apiUrl, String oncall) {}
