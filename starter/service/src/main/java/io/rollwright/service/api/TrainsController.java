package io.rollwright.service.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ControlLimits;
import io.rollwright.api.TrainRequest;
import io.rollwright.api.TrainStatus;
import io.rollwright.api.TrainWorkflow;
import io.rollwright.api.WebUi;
import io.rollwright.client.Trains;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.service.api.ReleasesController.ControlBody;
import io.rollwright.service.api.ReleasesController.ControlJson;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Trains through the REST API, acting as the authenticated caller, as the CLI's `train`. */
@RestController
public class TrainsController {
  /** A started train: its ID, run and Web UI link. */
  public record StartedTrain(String trainId, String runId, String link) {}

  private final WorkflowClient client;
  private final ApiProperties settings;
  private final Trains trains;

  public TrainsController(WorkflowClient client, ApiProperties settings) {
    this.client = client;
    this.settings = settings;
    this.trains = new Trains(client);
  }

  /**
   * Starts a train (a train request as JSON, as the CLI's train file, optionally with {@code
   * changeCommittedAt}); requested by the caller. Checked before anything starts: 400 naming every
   * broken rule, 409 when it is running.
   */
  @PostMapping(path = "/trains", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<StartedTrain> start(
      @RequestBody String body, @RequestAttribute(ApiCaller.IDENTITY) String caller) {
    ObjectNode fields = StartBody.askedBy(body, caller, "train");
    Instant committed = StartBody.committedAt(fields, "train");
    TrainRequest request = TrainRequest.fromJson(fields.toString());
    WorkflowExecution run = trains.start(request, committed);
    String id = request.trainId();
    return ResponseEntity.created(URI.create("/trains/" + id))
        .body(
            new StartedTrain(
                id,
                run.getRunId(),
                WebUi.link(settings.ui(), client.getOptions().getNamespace(), id, run.getRunId())));
  }

  /** Where each release of the train is, and the train's outcome once it has ended. */
  @GetMapping("/trains/{id}")
  public TrainStatus status(@PathVariable("id") String id) {
    return trains.status(id);
  }

  /**
   * {@code pause}, {@code resume} or {@code abort} (with a reason) the train, or {@code approve} or
   * {@code reject} (with a reason) its open gate ({@code gate} names the gated release when several
   * are open), as the caller.
   */
  @PostMapping("/trains/{id}/{control}")
  public ControlAnswer control(
      @PathVariable("id") String id,
      @PathVariable("control") String name,
      @ControlJson @RequestBody(required = false) String body,
      @RequestAttribute(ApiCaller.IDENTITY) String caller) {
    ControlBody control = ControlBody.parse(body);
    if (control != null && control.full() != null) {
      throw new InvalidReleaseException(
          "control.full",
          "is for promoting a release; a train takes pause, resume, abort, approve and reject");
    }
    Action action = Action.named(name, false);
    if (action == null || !TrainWorkflow.CONTROLS.contains(action)) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND,
          "a train has no control named '"
              + ControlLimits.clip(name, 40)
              + "' (one of "
              + TrainWorkflow.CONTROLS.stream()
                  .map(Action::command)
                  .collect(Collectors.joining(", "))
              + ")");
    }
    return ControlRefusedException.unlessRefused(
        trains.control(id, ControlBody.command(action, caller, control), Duration.ofSeconds(10)));
  }
}
