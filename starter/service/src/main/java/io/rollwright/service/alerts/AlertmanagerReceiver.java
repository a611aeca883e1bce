package io.rollwright.service.alerts;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.client.ReleaseControls;
import io.rollwright.client.ReleaseNotFoundException;
import io.rollwright.client.ReleaseReader;
import io.rollwright.policy.ReleaseJson;
import io.rollwright.service.alerts.AlertRouting.Firing;
import io.rollwright.service.alerts.AlertmanagerPayload.Alert;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Alertmanager's webhook receiver: each firing alert whose labels name a running release's service
 * and environment sends that release an {@link Action#ALERT} (it rolls back, or pauses per its
 * policy), once per notification. An alert that began firing before the release began is not the
 * release's doing and does nothing, so a fix released during an incident is not stopped by the
 * incident's alert. Resolved and unmatched alerts do nothing; repeats are refused by the release
 * (already rolling back, already paused) and only counted in its audit.
 */
@RestController
@ConditionalOnProperty("rollwright.alerts.token")
public class AlertmanagerReceiver {
  /** What became of the alerts of one release, or of one alert that concerns none. */
  public record Handled(String releaseId, List<String> alerts, boolean acted, String result) {}

  /** The receiver's answer: one entry per release concerned and per alert that concerns none. */
  public record Answer(List<Handled> handled) {}

  private final AlertRouting routing;
  private final ReleaseReader reader;
  private final ReleaseControls controls;
  private final String actor;

  public AlertmanagerReceiver(AlertsProperties settings, WorkflowClient temporal) {
    this.routing = new AlertRouting(settings.serviceLabel(), settings.environmentLabel());
    this.reader = new ReleaseReader(temporal);
    this.controls = new ReleaseControls(temporal, settings.answerWithin());
    this.actor = settings.actor();
  }

  /**
   * Receives one notification. A Temporal server that cannot be reached answers 503, so it is
   * retried.
   */
  @PostMapping(path = "/alerts/alertmanager", consumes = "application/json")
  public Answer receive(@RequestBody String body) {
    AlertmanagerPayload payload = ReleaseJson.read(body, AlertmanagerPayload.class, "alertmanager");
    List<String> problems = payload.problems();
    if (!problems.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, String.join("; ", problems));
    }
    AlertRouting.Routed routed = routing.route(payload.alerts());
    List<Handled> handled = new ArrayList<>();
    routed.firing().forEach(firing -> handled.add(handle(firing)));
    routed
        .unrouted()
        .forEach(u -> handled.add(new Handled(null, List.of(u.alert()), false, u.why())));
    return new Answer(handled);
  }

  private Handled handle(Firing firing) {
    List<String> names = firing.alerts().stream().map(Alert::name).distinct().toList();
    Optional<ReleaseReader.Running> running = reader.running(firing.releaseId());
    if (running.isEmpty()) {
      return new Handled(firing.releaseId(), names, false, "no release of it is running");
    }
    List<Alert> own = firing.since(running.get().startedAt());
    if (own.isEmpty()) {
      return new Handled(
          firing.releaseId(),
          names,
          false,
          "began firing before the release started (" + running.get().startedAt() + ")");
    }
    ControlAnswer answer;
    try {
      answer =
          controls.send(
              firing.releaseId(),
              running.get().firstRunId(),
              new ControlCommand(Action.ALERT, actor, Firing.reason(own)));
    } catch (ReleaseNotFoundException e) {
      return new Handled(firing.releaseId(), names, false, "no release of it is running");
    }
    return new Handled(
        firing.releaseId(),
        own.stream().map(Alert::name).distinct().toList(),
        answer.accepted(),
        answer.message());
  }
}
