package io.rollwright.service.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.GateRef;
import io.rollwright.api.TrainRequest;
import io.rollwright.client.ReleaseControls;
import io.rollwright.client.ReleaseNotFoundException;
import io.rollwright.text.SlackText;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Approve and Reject buttons of an approval request do. A click is acknowledged at once;
 * the decision goes to the release's gate as the clicker's approver identity, and the release's
 * answer ("approved by bob@example.com (1 of 2)", or why it was refused) is shown to the clicker
 * alone, through the click's response URL, so the release may take as long as {@code
 * rollwright.slack.answer-within} to answer. Reject first asks for a reason in a modal; a refused
 * rejection is shown in the modal itself, which Slack closes unless it is answered within 3
 * seconds, so the modal waits {@link #MODAL_ANSWER_WITHIN} for the release. A train's gate is
 * decided the same way: its buttons name the train, whose {@code control} update takes the
 * decision.
 */
public final class SlackApprovals {
  private static final Logger log = LoggerFactory.getLogger(SlackApprovals.class);

  /** The buttons' action IDs, as the worker's Slack notifier writes them: the controls' names. */
  public static final String APPROVE = ControlCommand.Action.APPROVE.command();

  public static final String REJECT = ControlCommand.Action.REJECT.command();
  static final String REJECT_VIEW = "rollwright-reject";
  static final String REASON = "reason";

  /** Slack shows a modal's errors only when they come within 3 seconds of the submission. */
  static final Duration MODAL_ANSWER_WITHIN = Duration.ofMillis(2500);

  private final SlackIdentities identities;
  private final ReleaseControls controls;
  private final ReleaseControls modalControls;
  private final Executor executor;

  public SlackApprovals(SlackIdentities identities, ReleaseControls controls, Executor executor) {
    this.identities = identities;
    this.controls = controls;
    this.modalControls = controls.within(MODAL_ANSWER_WITHIN);
    this.executor = executor;
  }

  /** Registers the handlers on the Bolt app. */
  public void register(App app) {
    app.blockAction(APPROVE, this::approve);
    app.blockAction(REJECT, this::askForReason);
    app.viewSubmission(REJECT_VIEW, this::reject);
  }

  private Response approve(BlockActionRequest req, ActionContext ctx) {
    String value = req.getPayload().getActions().get(0).getValue();
    String user = req.getPayload().getUser().getId();
    executor.execute(
        () -> {
          String text = text(decide(controls, ControlCommand.Action.APPROVE, value, user, null));
          try {
            ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
          } catch (Exception e) {
            log.warn(
                "could not tell {} the answer to their approval ({}): {}",
                user,
                text,
                e.getMessage());
          }
        });
    return ctx.ack();
  }

  private Response askForReason(BlockActionRequest req, ActionContext ctx)
      throws IOException, SlackApiException {
    var payload = req.getPayload();
    boolean train = payload.getActions().get(0).getValue().startsWith(TrainRequest.ID_PREFIX);
    View modal =
        View.builder()
            .type("modal")
            .callbackId(REJECT_VIEW)
            .privateMetadata(
                payload.getActions().get(0).getValue() + "\n" + payload.getChannel().getId())
            .title(
                ViewTitle.builder()
                    .type("plain_text")
                    .text(train ? "Reject train gate" : "Reject release")
                    .build())
            .submit(ViewSubmit.builder().type("plain_text").text("Reject").build())
            .close(ViewClose.builder().type("plain_text").text("Cancel").build())
            .blocks(
                List.of(
                    InputBlock.builder()
                        .blockId(REASON)
                        .label(
                            PlainTextObject.builder()
                                .text(
                                    train
                                        ? "Why reject? The train stops and rolls back what it"
                                            + " promoted."
                                        : "Why reject? The release rolls back.")
                                .build())
                        .element(
                            PlainTextInputElement.builder()
                                .actionId(REASON)
                                .multiline(true)
                                .build())
                        .build()))
            .build();
    var opened = ctx.client().viewsOpen(r -> r.triggerId(payload.getTriggerId()).view(modal));
    if (!opened.isOk()) {
      log.warn(
          "Slack did not open the rejection form for {}: {}",
          payload.getUser().getId(),
          opened.getError());
    }
    return ctx.ack();
  }

  private Response reject(ViewSubmissionRequest req, ViewSubmissionContext ctx)
      throws IOException, SlackApiException {
    var view = req.getPayload().getView();
    String[] metadata = view.getPrivateMetadata().split("\n", 2);
    String user = req.getPayload().getUser().getId();
    ViewState.Value reason = view.getState().getValues().getOrDefault(REASON, Map.of()).get(REASON);
    ControlAnswer answer =
        decide(
            modalControls,
            ControlCommand.Action.REJECT,
            metadata[0],
            user,
            oneLine(reason == null ? null : reason.getValue()));
    if (!answer.accepted()) {
      return ctx.ack(r -> r.responseAction("errors").errors(Map.of(REASON, said(answer))));
    }
    if (metadata.length == 2) {
      var told =
          ctx.client().chatPostEphemeral(r -> r.channel(metadata[1]).user(user).text(text(answer)));
      if (!told.isOk()) {
        log.warn("could not tell {} their rejection was recorded: {}", user, told.getError());
      }
    }
    return ctx.ack();
  }

  /**
   * The modal's reason on one line, as every door takes a reason: its line breaks become spaces.
   */
  static String oneLine(String reason) {
    return reason == null ? null : reason.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * Sends one decision to the gate the button names, as the clicker's approver identity, through
   * {@code through} (which sets how long the release is given to answer).
   */
  ControlAnswer decide(
      ReleaseControls through,
      ControlCommand.Action action,
      String buttonValue,
      String slackUser,
      String reason) {
    GateRef gate;
    try {
      gate = GateRef.parse(buttonValue);
    } catch (IllegalArgumentException e) {
      return new ControlAnswer(
          false, "this button does not name a release gate (" + buttonValue + ")");
    }
    Optional<String> approver = identities.approverOf(slackUser);
    String actor = approver.orElse("slack:" + slackUser);
    ControlAnswer answer;
    try {
      answer =
          through.send(
              gate.releaseId(),
              gate.runId(),
              new ControlCommand(action, actor, reason, gate.stage()));
    } catch (ReleaseNotFoundException e) {
      return new ControlAnswer(false, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("could not send the {} of {} to {}: {}", action, actor, gate, e.toString());
      return new ControlAnswer(
          false,
          "Rollwright could not reach the release right now ("
              + e.getMessage()
              + "); try again in a minute");
    }
    log.info("{} {} for {}: {}", actor, action, gate, answer.message());
    return approver.isPresent()
        ? answer
        : new ControlAnswer(
            false,
            "Slack shows no email for you, so Rollwright could not tell "
                + "which approver you are (you were taken as "
                + actor
                + "): "
                + answer.message());
  }

  /**
   * The answer as a mrkdwn message: escaped ({@link SlackText}), so a reason or name in it mentions
   * and links nobody.
   */
  private static String text(ControlAnswer answer) {
    return SlackText.escape(said(answer));
  }

  /**
   * The answer as plain text, as a form's error under its input is shown (Slack reads no mrkdwn
   * there).
   */
  private static String said(ControlAnswer answer) {
    return (answer.accepted() ? "✅ " : "🚫 Not counted: ") + answer.message();
  }
}
