package io.rollwright.activities.notify.pagerduty;

import io.rollwright.activities.notify.Notifier;
import io.rollwright.activities.notify.pagerduty.PagerDutyEventsClient.Event;
import io.rollwright.activities.notify.pagerduty.PagerDutyEventsClient.Payload;
import io.rollwright.api.ControlLimits;
import io.rollwright.api.ReleaseEvent;
import io.rollwright.api.WebUi;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pages on-call through PagerDuty's Events API v2 when a release {@linkplain
 * ReleaseEvent#pagesOnCall() needs a human} (stuck, or ended FAILED), and resolves the page when it
 * {@linkplain ReleaseEvent#endsPage() recovers} (resumed, or ended otherwise). One alert per
 * release: its dedup key is the release and the run it began as, so repeats update the one alert
 * and a later release of the same service pages anew. Other events are not sent.
 */
public final class PagerDutyNotifier implements Notifier {
  /** PagerDuty's longest summary. */
  static final int SUMMARY = 1024;

  private final PagerDutyEventsClient pagerDuty;
  private final String routingKey;
  private final String ui;
  private final String namespace;

  /**
   * {@code ui}: the Temporal Web UI's base URL, for the alert's link to the release in {@code
   * namespace}; null for none.
   */
  public PagerDutyNotifier(
      PagerDutyEventsClient pagerDuty, String routingKey, String ui, String namespace) {
    this.pagerDuty = pagerDuty;
    this.routingKey = routingKey;
    this.ui = ui;
    this.namespace = namespace;
  }

  @Override
  public String tell(ReleaseEvent e) {
    if (e.pagesOnCall()) {
      pagerDuty.send(
          new Event(routingKey, "trigger", dedupKey(e), "Rollwright", link(e), payload(e)));
    } else if (e.endsPage()) {
      pagerDuty.send(new Event(routingKey, "resolve", dedupKey(e), null, null, null));
    }
    return null;
  }

  /** The key of the release's one alert. */
  static String dedupKey(ReleaseEvent e) {
    return "rollwright/" + e.releaseId() + "/" + e.runId();
  }

  private static Payload payload(ReleaseEvent e) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("release", e.releaseId());
    details.put("stage", e.stage());
    details.put("weight", e.weight());
    details.put("outcome", e.outcome() == null ? null : e.outcome().name());
    details.put("event", e.message());
    return new Payload(
        ControlLimits.cut("Release " + e.releaseId() + ": " + e.message(), SUMMARY),
        "rollwright",
        "critical",
        e.service(),
        e.environment(),
        "release",
        details);
  }

  private String link(ReleaseEvent e) {
    return ui == null ? null : WebUi.link(ui, namespace, e.releaseId(), e.runId());
  }
}
