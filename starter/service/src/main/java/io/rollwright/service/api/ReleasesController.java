package io.rollwright.service.api;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.ControlLimits;
import io.rollwright.api.LedgerEntry;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.RequestCheck;
import io.rollwright.api.WebUi;
import io.rollwright.client.DeliveryReport;
import io.rollwright.client.RecordedRelease;
import io.rollwright.client.ReleaseControls;
import io.rollwright.client.ReleaseHistory;
import io.rollwright.client.ReleaseNotFoundException;
import io.rollwright.client.ReleaseReader;
import io.rollwright.client.ReleaseRecord;
import io.rollwright.client.ReleaseStarter;
import io.rollwright.ledger.ReleaseLedger;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.ReleaseJson;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The REST API: the same front door as the command line, acting as the authenticated caller. */
@RestController
public class ReleasesController {
  /** A started release: its ID, run and Web UI link. */
  public record StartedRelease(String releaseId, String runId, String link) {}

  /**
   * The body of a control: why (required to reject and abort, and for a full promotion; at most
   * {@link io.rollwright.policy.Limits#REASON} characters on one line), for promote whether to skip
   * everything left, and for approve and reject the gate they decide (a release's stage, or a
   * train's gated release): the decision counts only while that gate is open. Read strictly:
   * unknown fields and wrong types are refused naming the field.
   */
  public record ControlBody(String reason, Boolean full, String gate) {
    static ControlBody parse(String body) {
      return body == null || body.isBlank()
          ? null
          : ReleaseJson.read(body, ControlBody.class, "control");
    }

    /** {@code action} by {@code caller} as {@code body} (null: none) words it, checked. */
    static ControlCommand command(Action action, String caller, ControlBody body) {
      if (body != null
          && body.gate() != null
          && action != Action.APPROVE
          && action != Action.REJECT) {
        throw new InvalidReleaseException(
            "control.gate", "names the gate an approval or a rejection decides");
      }
      ControlCommand command =
          new ControlCommand(
              action,
              caller,
              body == null ? null : body.reason(),
              body == null ? null : body.gate());
      RequestCheck.requireControl(command);
      return command;
    }
  }

  /** The OpenAPI description of a control's body, which the API reads itself (strictly). */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = ControlBody.class)))
  @interface ControlJson {}

  /**
   * Releases started in a period, newest first, with the rollback rate of those that deployed;
   * {@code links[i]} is the Temporal Web UI page of {@code releases[i]}.
   */
  public record ReleasesPage(
      Instant since,
      List<ReleaseRecord> releases,
      int deployed,
      double rollbackRate,
      List<String> links) {}

  private final WorkflowClient client;
  private final ApiProperties settings;
  private final ReleaseControls controls;
  private final ReleaseReader reader;
  private final ReleaseHistory history;
  private final ReleaseLedger ledger;

  public ReleasesController(
      WorkflowClient client, ApiProperties settings, ObjectProvider<ReleaseLedger> ledger) {
    this.client = client;
    this.settings = settings;
    this.ledger = ledger.getIfAvailable();
    this.history = new ReleaseHistory(client, this.ledger);
    this.controls = new ReleaseControls(client, Duration.ofSeconds(10));
    this.reader = new ReleaseReader(client);
  }

  /**
   * Starts a release (a release request as JSON, optionally with {@code changeCommittedAt});
   * requested by the caller.
   */
  @PostMapping(path = "/releases", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<StartedRelease> start(
      @RequestBody String body, @RequestAttribute(ApiCaller.IDENTITY) String caller) {
    StartBody start = StartBody.parse(body, caller);
    WorkflowExecution run =
        new ReleaseStarter(client).start(start.request(), start.changeCommittedAt());
    String id = start.request().releaseId();
    return ResponseEntity.created(URI.create("/releases/" + id))
        .body(new StartedRelease(id, run.getRunId(), link(id, run.getRunId())));
  }

  /**
   * Where the release is: the {@code status} query's answer ({@link ReleaseStatus}), or when no
   * worker answers in time, what the server last recorded ({@link RecordedRelease}, {@code "live":
   * false}); when Temporal no longer holds it, its last ended run in the release ledger ({@link
   * LedgerEntry}, decisions included).
   */
  @GetMapping("/releases/{id}")
  @ApiResponse(
      responseCode = "200",
      content =
          @Content(
              schema =
                  @Schema(oneOf = {ReleaseStatus.class, RecordedRelease.class, LedgerEntry.class})))
  public Object status(@PathVariable("id") String id) {
    try {
      ReleaseReader.Reading reading = reader.read(id);
      return reading.live() ? reading.status() : reading.recorded();
    } catch (ReleaseNotFoundException missing) {
      if (ledger == null) {
        throw missing;
      }
      return ledger.latest(id).orElseThrow(() -> missing);
    }
  }

  /**
   * A control, named as {@link Action} names it ({@code approve}, {@code reject}, {@code pause},
   * {@code resume}, {@code abort}, {@code promote}); {@code full} in the body makes a promotion a
   * full one.
   */
  @PostMapping("/releases/{id}/{control}")
  public ControlAnswer control(
      @PathVariable("id") String id,
      @PathVariable("control") String name,
      @ControlJson @RequestBody(required = false) String body,
      @RequestAttribute(ApiCaller.IDENTITY) String caller) {
    ControlBody control = ControlBody.parse(body);
    Action action = Action.named(name, control != null && Boolean.TRUE.equals(control.full()));
    if (action == null) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND,
          "no control is named '"
              + ControlLimits.clip(name, 40)
              + "' (one of "
              + Action.names()
              + ")");
    }
    return control(id, action, control, caller);
  }

  private ControlAnswer control(String id, Action action, ControlBody body, String caller) {
    return ControlRefusedException.unlessRefused(
        controls.send(id, ControlBody.command(action, caller, body)));
  }

  /**
   * Releases started since {@code since} (e.g. {@code 7d}), optionally of one service and
   * environment.
   */
  @GetMapping("/releases")
  public ReleasesPage list(
      @RequestParam(name = "service", required = false) String service,
      @RequestParam(name = "env", required = false) String environment,
      @RequestParam(name = "since", defaultValue = "7d") String since,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit: must be between 1 and 10000, not " + limit);
    }
    Instant now = Instant.now();
    Instant from = now.minus(period("since", since));
    List<ReleaseRecord> releases = history.list(service, environment, from);
    DeliveryReport figures = DeliveryReport.of(releases, from, now);
    List<ReleaseRecord> shown = releases.subList(0, Math.min(limit, releases.size()));
    return new ReleasesPage(
        from,
        shown,
        figures.deployed(),
        figures.rollbackRate(),
        shown.stream().map(r -> link(r.releaseId(), r.runId())).toList());
  }

  /** The Temporal Web UI page of {@code releaseId}'s run {@code runId}. */
  public String link(String releaseId, String runId) {
    return WebUi.link(settings.ui(), client.getOptions().getNamespace(), releaseId, runId);
  }

  /**
   * Deployment frequency, lead time for changes, change failure rate and time to restore over
   * {@code since}.
   */
  @GetMapping("/metrics/dora")
  public DeliveryReport dora(
      @RequestParam(name = "service", required = false) String service,
      @RequestParam(name = "env", required = false) String environment,
      @RequestParam(name = "since", defaultValue = "30d") String since) {
    Instant now = Instant.now();
    Instant from = now.minus(period("since", since));
    return DeliveryReport.of(history.list(service, environment, from), from, now);
  }

  private static Duration period(String name, String text) {
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage());
    }
  }
}
