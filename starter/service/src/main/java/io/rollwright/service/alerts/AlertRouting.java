package io.rollwright.service.alerts;

import io.rollwright.api.ControlLimits;
import io.rollwright.api.ReleaseIds;
import io.rollwright.policy.Limits;
import io.rollwright.service.alerts.AlertmanagerPayload.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which release each alert of a notification concerns, by its service and environment labels. Pure.
 * A resolved alert, or one without both labels, concerns none; the firing alerts of one release are
 * gathered, so the release hears of them once per notification.
 */
public final class AlertRouting {
  /** Alert names a reason lists before it says how many more fired. */
  static final int NAMED = 5;

  private final String serviceLabel;
  private final String environmentLabel;

  public AlertRouting(String serviceLabel, String environmentLabel) {
    this.serviceLabel = serviceLabel;
    this.environmentLabel = environmentLabel;
  }

  /** The firing alerts that concern one release. */
  public record Firing(String releaseId, List<Alert> alerts) {
    /**
     * The alerts that began firing at or after {@code start}: those that predate a release are not
     * its doing.
     */
    public List<Alert> since(Instant start) {
      return alerts.stream().filter(a -> !a.started().isBefore(start)).toList();
    }

    /** The reason a release records: which alerts fired, and the first one's summary. */
    public static String reason(List<Alert> alerts) {
      List<String> names = alerts.stream().map(Alert::name).distinct().toList();
      String named = String.join(", ", names.subList(0, Math.min(NAMED, names.size())));
      String more = names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "";
      String summary =
          alerts.stream()
              .map(a -> a.annotations().get("summary"))
              .filter(Objects::nonNull)
              .findFirst()
              .map(s -> ": " + s)
              .orElse("");
      return ControlLimits.clip(
              (names.size() == 1 ? "alert " : "alerts ") + named + more + " firing" + summary,
              Limits.REASON)
          .strip();
    }
  }

  /** An alert that concerns no release, and why. */
  public record Unrouted(String alert, String why) {}

  /** A notification's alerts: the releases they concern, and those that concern none. */
  public record Routed(List<Firing> firing, List<Unrouted> unrouted) {}

  /** Sorts {@code alerts} by the release they concern. */
  public Routed route(List<Alert> alerts) {
    Map<String, List<Alert>> byRelease = new LinkedHashMap<>();
    List<Unrouted> unrouted = new ArrayList<>();
    for (Alert alert : alerts) {
      String service = alert.labels().get(serviceLabel);
      String environment = alert.labels().get(environmentLabel);
      if (!alert.firing()) {
        unrouted.add(new Unrouted(alert.name(), "resolved: nothing to do"));
      } else if (blank(service) || blank(environment)) {
        unrouted.add(
            new Unrouted(
                alert.name(),
                "no release matches: the alert needs both a "
                    + serviceLabel
                    + " and an "
                    + environmentLabel
                    + " label"));
      } else {
        byRelease
            .computeIfAbsent(ReleaseIds.of(service, environment), id -> new ArrayList<>())
            .add(alert);
      }
    }
    List<Firing> firing =
        byRelease.entrySet().stream().map(e -> new Firing(e.getKey(), e.getValue())).toList();
    return new Routed(firing, unrouted);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
