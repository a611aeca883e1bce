package io.rollwright.service.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.policy.ReleaseJson;
import io.rollwright.service.alerts.AlertRouting.Firing;
import io.rollwright.service.alerts.AlertRouting.Routed;
import io.rollwright.service.alerts.AlertRouting.Unrouted;
import io.rollwright.service.alerts.AlertmanagerPayload.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AlertRoutingTest {
  private static final String T0 = "2026-12-02T09:00:00.123456789Z";
  private final AlertRouting routing = new AlertRouting("service", "env");

  private static Alert alert(String name, String status, Map<String, String> labels, String at) {
    java.util.Map<String, String> all = new java.util.HashMap<>(labels);
    all.put("alertname", name);
    return new Alert(status, all, Map.of("summary", name + " is bad"), at, "fp-" + name);
  }

  @Test
  void firingAlertsAreGatheredByTheReleaseTheirLabelsName() {
    Routed routed =
        routing.route(
            List.of(
                alert("Errors", "firing", Map.of("service", "checkout", "env", "prod"), T0),
                alert("Latency", "firing", Map.of("service", "checkout", "env", "prod"), T0),
                alert("Disk", "firing", Map.of("service", "cart", "env", "prod"), T0),
                alert("NoEnv", "firing", Map.of("service", "checkout"), T0),
                alert("Gone", "resolved", Map.of("service", "checkout", "env", "prod"), T0)));

    assertEquals(
        List.of("checkout@prod", "cart@prod"),
        routed.firing().stream().map(Firing::releaseId).toList());
    assertEquals(2, routed.firing().get(0).alerts().size());
    assertEquals(
        List.of(
            new Unrouted(
                "NoEnv", "no release matches: the alert needs both a service and an env label"),
            new Unrouted("Gone", "resolved: nothing to do")),
        routed.unrouted());
  }

  @Test
  void theReasonNamesTheAlertsAndTheFirstSummaryOnOneLine() {
    assertEquals(
        "alert Errors firing: Errors is bad",
        Firing.reason(List.of(alert("Errors", "firing", Map.of(), T0))));
    List<Alert> many =
        IntStream.range(0, 8).mapToObj(i -> alert("A" + i, "firing", Map.of(), T0)).toList();
    assertEquals("alerts A0, A1, A2, A3, A4 and 3 more firing: A0 is bad", Firing.reason(many));

    Alert multiline =
        new Alert(
            "firing",
            Map.of("alertname", "X"),
            Map.of("summary", "line one\nline two" + "x".repeat(5000)),
            T0,
            "fp");
    String reason = Firing.reason(List.of(multiline));
    assertTrue(reason.startsWith("alert X firing: line one line two"), reason);
    assertEquals(2000, reason.length());
  }

  @Test
  void onlyAlertsThatBeganAtOrAfterTheReleaseAreItsDoing() {
    Alert before = alert("Before", "firing", Map.of(), "2026-12-02T08:59:59Z");
    Alert at = alert("At", "firing", Map.of(), "2026-12-02T10:00:00+01:00");
    Alert after = alert("After", "firing", Map.of(), T0);
    Firing firing = new Firing("checkout@prod", List.of(before, at, after));

    assertEquals(List.of(at, after), firing.since(Instant.parse("2026-12-02T09:00:00Z")));
  }

  @Test
  void aPayloadItCannotReadIsRefusedNamingEachProblem() {
    AlertmanagerPayload payload =
        ReleaseJson.read(
            """
            {"version":"3","status":"firing","groupLabels":{},"externalURL":"http://am",
             "alerts":[{"status":"pending","labels":{}},
                       {"status":"firing","labels":{},"startsAt":"yesterday"},
                       null]}
            """,
            AlertmanagerPayload.class,
            "alertmanager");
    assertEquals(
        List.of(
            "version: this receiver reads Alertmanager's webhook payload version 4 (got 3)",
            "alerts[0].status: must be firing or resolved (got pending)",
            "alerts[1].startsAt: a firing alert needs an RFC 3339 time (got yesterday)",
            "alerts[2]: null"),
        payload.problems());
    assertEquals(
        List.of("alerts: missing"),
        ReleaseJson.read("{\"version\":\"4\"}", AlertmanagerPayload.class, "alertmanager")
            .problems());
  }
}
