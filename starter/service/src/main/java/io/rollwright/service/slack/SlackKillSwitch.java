package io.rollwright.service.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.KillSwitch;
import io.rollwright.api.KillSwitchFlip;
import io.rollwright.client.KillSwitches;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.text.SlackText;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kill switch from Slack's slash command: {@code /rollwright kill-switch on|off global REASON},
 * {@code /rollwright kill-switch on|off SERVICE ENV REASON}, or {@code status} with a scope. The
 * command is acknowledged at once; the flip goes to the switch as the sender's approver identity
 * (their Slack email), and the answer is posted to the channel when the switch moved (everyone
 * there should know) and to the sender alone when it did not.
 */
public final class SlackKillSwitch {
  private static final Logger log = LoggerFactory.getLogger(SlackKillSwitch.class);
  static final String USAGE =
      "usage: /rollwright kill-switch on|off global REASON, "
          + "/rollwright kill-switch on|off SERVICE ENV REASON, "
          + "or /rollwright kill-switch status global|SERVICE ENV";

  /** What the text of a command asks for: on, off or status, of a scope, with a reason. */
  record Asked(String flip, String scope, String reason) {
    /** Reads the command's text, or throws naming what is wrong with it. */
    static Asked parse(String text) {
      String[] words = text == null ? new String[0] : text.strip().split("\\s+", 6);
      if (words.length < 3 || !words[0].equals("kill-switch")) {
        throw new IllegalArgumentException(USAGE);
      }
      String flip = words[1];
      if (!flip.equals("on") && !flip.equals("off") && !flip.equals("status")) {
        throw new IllegalArgumentException(
            "a kill switch is turned on or off, or shown with status, not '"
                + clip(flip)
                + "'; "
                + USAGE);
      }
      boolean global = words[2].equals(KillSwitchFlip.GLOBAL);
      if (!global && words.length < 4) {
        throw new IllegalArgumentException("name the service and its environment; " + USAGE);
      }
      String scope = global ? KillSwitchFlip.GLOBAL : KillSwitches.scope(words[2], words[3]);
      int reasonAt = global ? 3 : 4;
      String reason =
          String.join(
              " ", Arrays.copyOfRange(words, Math.min(reasonAt, words.length), words.length));
      if (flip.equals("status") && !reason.isEmpty()) {
        throw new IllegalArgumentException("status takes no reason; " + USAGE);
      }
      return new Asked(flip, scope, reason.isEmpty() ? null : reason);
    }

    private static String clip(String word) {
      return word.length() > 20 ? word.substring(0, 20) + "…" : word;
    }
  }

  private final SlackIdentities identities;
  private final KillSwitches switches;
  private final Executor executor;

  public SlackKillSwitch(SlackIdentities identities, KillSwitches switches, Executor executor) {
    this.identities = identities;
    this.switches = switches;
    this.executor = executor;
  }

  /** Registers the handler of {@code command} (e.g. {@code /rollwright}) on the Bolt app. */
  public void register(App app, String command) {
    app.command(command, this::handle);
  }

  private Response handle(SlashCommandRequest req, SlashCommandContext ctx) {
    String user = req.getPayload().getUserId();
    String text = req.getPayload().getText();
    executor.execute(
        () -> {
          ControlAnswer answer = answer(user, text);
          boolean everyone = answer.accepted() && !text.strip().startsWith("kill-switch status");
          try {
            ctx.respond(
                r ->
                    r.responseType(everyone ? "in_channel" : "ephemeral")
                        .text(SlackText.escape(said(answer))));
          } catch (Exception e) {
            log.warn("could not tell {} the answer to {}: {}", user, text, e.getMessage());
          }
        });
    return ctx.ack();
  }

  /** What the command of {@code slackUser} did, or why it did nothing. */
  ControlAnswer answer(String slackUser, String text) {
    Asked asked;
    try {
      asked = Asked.parse(text);
    } catch (IllegalArgumentException | InvalidReleaseException e) {
      return new ControlAnswer(false, e.getMessage());
    }
    try {
      if (asked.flip().equals("status")) {
        KillSwitch state = switches.state(asked.scope());
        return new ControlAnswer(
            true,
            state.last() == null
                ? "kill switch " + asked.scope() + ": off (never flipped)"
                : state.last().sentence());
      }
      Optional<String> actor = identities.approverOf(slackUser);
      if (actor.isEmpty()) {
        return new ControlAnswer(
            false,
            "Slack shows no email for you, so Rollwright cannot tell who you are; "
                + "a kill switch is flipped by a named operator only");
      }
      ControlAnswer answer =
          switches.flip(asked.scope(), asked.flip().equals("on"), actor.get(), asked.reason());
      log.info(
          "{} kill switch {} {}: {}", actor.get(), asked.scope(), asked.flip(), answer.message());
      return answer;
    } catch (RuntimeException e) {
      log.warn("kill switch command of {} failed: {}", slackUser, e.toString());
      return new ControlAnswer(false, e.getMessage());
    }
  }

  private static String said(ControlAnswer answer) {
    return (answer.accepted() ? "✅ " : "🚫 Not done: ") + answer.message();
  }
}
