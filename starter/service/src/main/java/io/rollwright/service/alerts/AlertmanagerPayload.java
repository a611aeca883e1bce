package io.rollwright.service.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of Alertmanager's webhook notification, version 4: the alerts of one group, each firing
 * or resolved, with its labels, annotations and when it started. Fields Rollwright does not use
 * ({@code groupLabels}, {@code externalURL}, …) are ignored, so newer Alertmanagers can add more.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerPayload(
    String version, String status, String receiver, Integer truncatedAlerts, List<Alert> alerts) {

  /** The payload version this receiver reads. */
  public static final String VERSION = "4";

  /** The largest notification read, in bytes. */
  public static final int MAX_BYTES = 1 << 20;

  /** Alerts one notification may carry. */
  public static final int MAX_ALERTS = 1000;

  /** One alert of the group. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Alert(
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      String startsAt,
      String fingerprint) {
    public Alert {
      labels = labels == null ? Map.of() : Map.copyOf(labels);
      annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** When it began firing; null when {@code startsAt} is not an RFC 3339 time. */
    public Instant started() {
      try {
        return startsAt == null ? null : OffsetDateTime.parse(startsAt).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }

    /** Whether it is firing (not resolved). */
    public boolean firing() {
      return "firing".equals(status);
    }

    /** Its {@code alertname} label, or its fingerprint when it has none. */
    public String name() {
      String name = labels.get("alertname");
      return name != null ? name : "alert " + fingerprint;
    }
  }

  /** Every way this payload is not one Rollwright can read, one per line; empty when it can. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!VERSION.equals(version)) {
      problems.add(
          "version: this receiver reads Alertmanager's webhook payload version "
              + VERSION
              + " (got "
              + version
              + ")");
    }
    if (alerts == null) {
      problems.add("alerts: missing");
      return problems;
    }
    if (alerts.size() > MAX_ALERTS) {
      problems.add("alerts: " + alerts.size() + " alerts, at most " + MAX_ALERTS);
      return problems;
    }
    for (int i = 0; i < alerts.size(); i++) {
      Alert alert = alerts.get(i);
      if (alert == null) {
        problems.add("alerts[" + i + "]: null");
      } else if (!alert.firing() && !"resolved".equals(alert.status())) {
        problems.add(
            "alerts[" + i + "].status: must be firing or resolved (got " + alert.status() + ")");
      } else if (alert.firing() && alert.started() == null) {
        problems.add(
            "alerts["
                + i
                + "].startsAt: a firing alert needs an RFC 3339 time (got "
                + alert.startsAt()
                + ")");
      }
    }
    return problems;
  }
}
