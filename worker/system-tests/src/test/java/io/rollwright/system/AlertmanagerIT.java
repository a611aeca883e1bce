package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlEvent;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.RollbackReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts abort releases, end to end with the real Prometheus and the real Alertmanager: an alert
 * rule on the canary's errors fires during a soak, Alertmanager sends it to the starter service's
 * receiver, and the release rolls back naming the alert. The release's own analysis would not have
 * caught it (its limit is 50 %). The receiver's door refuses a caller without the token, a payload
 * it cannot read, and leaves alone what concerns no running release.
 */
class AlertmanagerIT extends PrometheusTest {
  private static final String TOKEN = "am-secret";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String RULES =
      """
      groups:
        - name: shop
          rules:
            - alert: ShopCanaryErrors
              expr: >-
                (sum(rate(http_requests_total{service="shop",track="canary",code=~"5.."}[5s])) or vector(0))
                / sum(rate(http_requests_total{service="shop",track="canary"}[5s])) > 0.1
              labels: {service: shop, environment: prod, severity: page}
              annotations: {summary: "canary 5xx above 10%"}
      """;

  private static AppProcess service;
  private static AlertmanagerServer alertmanager;

  @BeforeAll
  static void startAlerting() throws Exception {
    service =
        AppProcess.service(
                server, dir.resolve("alerts-service.log"), "--rollwright.alerts.token=" + TOKEN)
            .awaitUp(Duration.ofSeconds(90));
    alertmanager = AlertmanagerServer.start(dir.resolve("alertmanager"), receiver(), TOKEN);
    prometheus.alertTo(alertmanager.address(), RULES);
    awaitTraffic();
  }

  @AfterAll
  static void stopAlerting() throws Exception {
    closeAll(service);
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  private static String receiver() {
    return "http://127.0.0.1:" + service.port() + "/alerts/alertmanager";
  }

  private static HttpResponse<String> post(String token, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(receiver()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAlertRuleFiringDuringTheCanaryRollsItBack() throws Exception {
    try (AppProcess worker = analysingWorker("alert-worker")) {
      String id = start(request(SERVICE, "prom-alerts"));
      awaitPhase(id, Phase.SOAKING, Duration.ofMinutes(1));
      canary.errorRate(0.3);

      ReleaseResult result = result(id, Duration.ofMinutes(2));

      assertEquals(ReleaseOutcome.ROLLED_BACK, result.outcome(), result.detail());
      assertEquals(RollbackReason.ABORTED, result.rollbackReason(), result.detail());
      assertEquals(
          "aborted by alertmanager: alert ShopCanaryErrors firing: canary 5xx above 10%",
          result.detail());
      List<AuditEntry> aborts =
          release(id).status().audit().stream()
              .filter(ControlEvent.Aborted.class::isInstance)
              .toList();
      assertEquals(1, aborts.size(), "the alert aborted once, however often it was repeated");
      assertEquals("alertmanager", aborts.get(0).actor());
    }
  }

  @Test
  void theShippedAlertingExamplesAreValid() throws Exception {
    String amtool = LocalServer.binary("apt-get install prometheus-alertmanager", "amtool");
    String promtool = LocalServer.binary("apt-get install prometheus", "promtool");
    for (List<String> check :
        List.of(
            List.of(
                amtool,
                "check-config",
                Repo.path("deploy", "alerting", "alertmanager.yml").toString()),
            List.of(
                promtool,
                "check",
                "rules",
                Repo.path("deploy", "alerting", "rules.yml").toString()))) {
      Process process = new ProcessBuilder(check).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, process.waitFor(), check + ": " + output);
      assertTrue(output.contains("SUCCESS"), output);
    }
  }

  @Test
  void theReceiverRefusesStrangersAndUnreadablePayloads() throws Exception {
    String firing =
        """
        {"version":"4","status":"firing","receiver":"rollwright","alerts":[
          {"status":"firing","labels":{"alertname":"Old","service":"shop","environment":"prod"},
           "annotations":{},"startsAt":"%s","fingerprint":"f1"},
          {"status":"firing","labels":{"alertname":"NoLabels"},"annotations":{},
           "startsAt":"%s","fingerprint":"f2"},
          {"status":"resolved","labels":{"alertname":"Gone","service":"shop","environment":"prod"},
           "annotations":{},"startsAt":"%s","fingerprint":"f3"}]}
        """
            .formatted(Instant.now(), Instant.now(), Instant.now());

    HttpResponse<String> stranger = post("wrong", firing);
    assertEquals(401, stranger.statusCode());
    assertTrue(stranger.body().contains("rollwright.alerts.token"), stranger.body());
    assertEquals(401, post(null, firing).statusCode());

    HttpResponse<String> v3 = post(TOKEN, firing.replace("\"version\":\"4\"", "\"version\":\"3\""));
    assertEquals(400, v3.statusCode());
    assertTrue(v3.body().contains("payload version 4 (got 3)"), v3.body());

    HttpResponse<String> answered = post(TOKEN, firing);
    assertEquals(200, answered.statusCode(), answered.body());
    JsonNode handled = JSON.readTree(answered.body()).get("handled");
    assertEquals("no release of it is running", handled.get(0).get("result").asText());
    assertTrue(
        handled
            .get(1)
            .get("result")
            .asText()
            .contains("needs both a service and an environment label"));
    assertEquals("resolved: nothing to do", handled.get(2).get("result").asText());
    for (JsonNode h : handled) {
      assertEquals(false, h.get("acted").asBoolean(), h.toString());
    }
  }
}
