package io.rollwright.service.page;

import io.rollwright.api.LedgerEntry;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.client.RecordedRelease;
import io.rollwright.client.ReleaseNotFoundException;
import io.rollwright.client.ReleaseReader;
import io.rollwright.client.chart.ReleaseCharts;
import io.rollwright.ledger.ReleaseLedger;
import io.rollwright.service.api.ApiCaller;
import io.rollwright.service.api.ReleasesController;
import io.temporal.client.WorkflowClient;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the release page shows of one release, in one call behind the REST API's door: its live
 * status (or what the server recorded, or its ledger entry once Temporal no longer holds it), the
 * charts drawn from it, the caller and the controls the release offers them now.
 */
@RestController
public class ReleaseViewController {
  /**
   * One release as the page shows it: exactly one of {@code status}, {@code recorded} and {@code
   * ledger} (a live status without its readings over time, which {@code charts} draws); {@code
   * charts} only with a live status; {@code controls} those the release offers {@code caller} now;
   * {@code link} its Temporal Web UI page; {@code timeline} the status's audit in sentences.
   */
  public record ReleaseView(
      ReleaseStatus status,
      RecordedRelease recorded,
      LedgerEntry ledger,
      ReleaseCharts.Charts charts,
      String caller,
      List<String> controls,
      String link,
      List<Line> timeline) {}

  /** One entry of the audit as people read it: when, who, what, and the sentence saying it. */
  public record Line(long atMillis, String actor, String action, String detail) {
    static List<Line> of(ReleaseStatus status) {
      return status.audit().stream()
          .map(e -> new Line(e.atMillis(), e.actor(), e.action(), e.detail()))
          .toList();
    }
  }

  private final ReleaseReader reader;
  private final ReleasesController releases;
  private final ReleaseLedger ledger;

  public ReleaseViewController(
      WorkflowClient client, ReleasesController releases, ObjectProvider<ReleaseLedger> ledger) {
    this.reader = new ReleaseReader(client);
    this.releases = releases;
    this.ledger = ledger.getIfAvailable();
  }

  /** The release {@code id} as {@code caller} sees it on the release page. */
  @GetMapping("/releases/{id}/view")
  public ReleaseView view(
      @PathVariable("id") String id, @RequestAttribute(ApiCaller.IDENTITY) String caller) {
    ReleaseReader.Reading reading;
    try {
      reading = reader.read(id);
    } catch (ReleaseNotFoundException missing) {
      if (ledger == null) {
        throw missing;
      }
      LedgerEntry ended = ledger.latest(id).orElseThrow(() -> missing);
      return new ReleaseView(null, null, ended, null, caller, List.of(), null, List.of());
    }
    if (!reading.live()) {
      RecordedRelease recorded = reading.recorded();
      return new ReleaseView(
          null,
          recorded,
          null,
          null,
          caller,
          List.of(),
          releases.link(id, recorded.runId()),
          List.of());
    }
    ReleaseStatus status = reading.status();
    return new ReleaseView(
        status.withReadings(List.of()),
        null,
        null,
        ReleaseCharts.of(status, System.currentTimeMillis()),
        caller,
        status.result() == null ? reader.controls(id, caller) : List.of(),
        reader.running(id).map(running -> releases.link(id, running.firstRunId())).orElse(null),
        Line.of(status));
  }
}
