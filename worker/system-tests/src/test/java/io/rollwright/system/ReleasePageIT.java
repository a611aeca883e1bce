package io.rollwright.system;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The release page in a real browser (headless Chromium) against the starter service, a worker and
 * the real Temporal server: bob finds the running release in the list, watches its page follow the
 * stages by itself with the weight chart and the readings, and approves at the gate; mallory, who
 * holds no role, sees no button on a phone-sized screen and is refused when she posts anyway.
 * Screenshots of each page land in {@code target/screenshots}, with the release's report as HTML
 * and PDF ({@code rollwright report}).
 */
class ReleasePageIT extends RealServerTest {
  private static final String ID = "page@prod";
  private static AppProcess worker;
  private static AppProcess service;

  @BeforeAll
  static void startApps() throws Exception {
    worker = worker("page-worker");
    service =
        AppProcess.service(
                server,
                dir.resolve("page-service.log"),
                "--rollwright.api.tokens.bob=tok-bob",
                "--rollwright.api.tokens.mallory=tok-mallory")
            .awaitUp(Duration.ofSeconds(90));
  }

  @AfterAll
  static void stopApps() throws InterruptedException {
    closeAll(service, worker);
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + service.port() + path;
  }

  private static void signIn(Chromium browser, String token) {
    browser.driver.get(url("/ui/"));
    WebElement field =
        browser.await(Duration.ofSeconds(20), d -> visible(d.findElement(By.id("token"))));
    field.sendKeys(token);
    browser.driver.findElement(By.cssSelector("#signin-form button")).click();
  }

  private static WebElement visible(WebElement e) {
    return e.isDisplayed() ? e : null;
  }

  private static List<String> buttons(Chromium browser) {
    return browser.driver.findElements(By.cssSelector("#actions button")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static String stageShown(Chromium browser) {
    return browser.driver.findElement(By.id("release")).getDomAttribute("data-stage");
  }

  /** What the service answers {@code browser}'s own POST of {@code control} with {@code body}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> post(Chromium browser, String control, String body) {
    return (Map<String, Object>)
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/releases/page%40prod/"
                + control
                + "', {method: 'POST', headers: {'Authorization': 'Bearer tok-mallory',"
                + " 'Content-Type': 'application/json'}, body: JSON.stringify("
                + body
                + ")}).then(r => r.json().then(b => done({status: r.status, detail: b.detail})));");
  }

  @Test
  void anApproverWatchesTheReleaseAndApprovesItWhileSomeoneWithoutARoleSeesNoButtons()
      throws Exception {
    start(request("page", "page"));
    try (Chromium bob = Chromium.start(1280, 1000, dir.resolve("chromium-bob.log"));
        Chromium mallory = Chromium.start(390, 844, dir.resolve("chromium-mallory.log"))) {
      signIn(bob, "tok-bob");
      WebElement link = bob.await(Duration.ofSeconds(20), d -> d.findElement(By.linkText(ID)));
      WebElement row = link.findElement(By.xpath("./ancestor::tr"));
      assertTrue(row.getText().contains("running"), row.getText());
      bob.screenshot("release-list");

      link.click();
      bob.await(Duration.ofSeconds(20), d -> "canary-10".equals(stageShown(bob)));
      // The stage is shown as soon as it starts; its weight once the route carries it.
      String weightLabel =
          bob.await(
              Duration.ofSeconds(20),
              d -> {
                String label =
                    d.findElement(By.cssSelector("#weight-chart svg"))
                        .getDomAttribute("aria-label");
                return label != null && label.endsWith("now 10%") ? label : null;
              });
      assertTrue(weightLabel.startsWith("Traffic on the new version of page"), weightLabel);
      bob.await(
          Duration.ofSeconds(20),
          d ->
              d.findElements(By.cssSelector("figure[data-chart='error-rate'] svg path")).size()
                  >= 2);
      assertTrue(
          bob.driver.findElement(By.id("readings")).getText().contains("error-rate"),
          "the latest readings are listed");

      // The page follows the release to its second stage without being reloaded.
      bob.await(
          Duration.ofSeconds(40),
          d ->
              "canary-25".equals(stageShown(bob))
                  && d.findElement(By.id("release-state")).getText().contains("weight 25%"));
      bob.await(Duration.ofSeconds(30), d -> !buttons(bob).isEmpty());
      assertEquals(List.of("Approve", "Reject"), buttons(bob), "bob approves; he does not operate");
      bob.screenshot("release-gate");

      signIn(mallory, "tok-mallory");
      mallory.driver.get(url("/ui/?release=page%40prod"));
      mallory.await(
          Duration.ofSeconds(20),
          d -> d.findElement(By.id("gate")).getText().contains("Still needed"));
      assertEquals(List.of(), buttons(mallory), "no control is offered to mallory");
      mallory.screenshot("release-phone");
      assertEquals(
          Map.of(
              "status",
              409L,
              "detail",
              "mallory is not an allowed approver at any gate of this release (allowed: bob)"),
          post(mallory, "approve", "{reason: 'let me', gate: 'canary-25'}"),
          "an approval by someone who is no approver is refused");
      assertEquals(
          Map.of(
              "status",
              403L,
              "detail",
              "mallory may not pause page@prod: that needs the operators role (held by oncall-sam)"),
          post(mallory, "pause", "{reason: 'let me'}"),
          "a pause by someone who does not operate is forbidden");

      // bob approves with the keyboard alone: Enter on the button, the reason, Tab to Send, Enter.
      bob.await(
          Duration.ofSeconds(5),
          d -> {
            d.findElement(By.cssSelector("#actions button[data-control='approve']"))
                .sendKeys(Keys.ENTER);
            return true;
          });
      bob.await(Duration.ofSeconds(5), d -> visible(d.findElement(By.id("reason"))));
      WebElement focused = bob.driver.switchTo().activeElement();
      assertEquals("reason", focused.getDomAttribute("id"), "the dialog opens on its reason");
      focused.sendKeys("error rate flat at 25%", Keys.TAB);
      focused = bob.driver.switchTo().activeElement();
      assertEquals("confirm-send", focused.getDomAttribute("id"), "Tab leads to Send");
      focused.sendKeys(Keys.ENTER);
      String answer =
          bob.await(
              Duration.ofSeconds(20),
              d -> {
                String text = d.findElement(By.id("action-answer")).getText();
                return text.isBlank() ? null : text;
              });
      assertTrue(answer.startsWith("Approve: "), answer);

      ReleaseResult result = result(ID, Duration.ofMinutes(2));
      assertEquals(ReleaseOutcome.PROMOTED, result.outcome(), result::toString);
      bob.await(
          Duration.ofSeconds(20),
          d -> d.findElement(By.id("release-outcome")).getText().contains("PROMOTED"));
      bob.screenshot("release-page");
      String audit = bob.driver.findElement(By.id("audit")).getText();
      assertTrue(
          audit
              .lines()
              .anyMatch(
                  l ->
                      l.contains(
                          " bob approved approved by bob (1 of 1); reason: error rate flat at"
                              + " 25%")),
          audit + " / " + bob.driver.findElement(By.id("action-answer")).getText());
      assertTrue(
          release(ID).status().audit().stream()
              .anyMatch(e -> e.actor().equals("bob") && e.action().contains("approv")),
          "the release itself recorded bob's approval");
      bob.screenshot("release-page");
    }

    Path html = dir.resolve("page-report.html");
    Cli report = Cli.run(server, "report", ID, "--file", html.toString());
    assertEquals(0, report.code(), report::toString);
    String written = Files.readString(html);
    assertTrue(written.contains("<strong>PROMOTED</strong>: all 3 stages passed"), written);
    assertTrue(
        written.contains(
            "<td>bob</td><td>approved</td><td>approved by bob (1 of 1); reason: error rate flat at"
                + " 25%</td>"),
        "bob's approval, with his reason");
    assertTrue(written.contains("<td>canary-25</td><td>25%</td>"), "each stage and its duration");
    assertEquals(
        2, written.split("<svg ", -1).length - 1, "the weight chart and error-rate's, inline");
    assertFalse(written.contains("<script") || written.contains("src=\"http"), "self-contained");
    Path pdf = dir.resolve("page-report.pdf");
    Cli asPdf = Cli.run(server, "report", ID, "--format", "pdf", "--file", pdf.toString());
    assertEquals(0, asPdf.code(), asPdf::toString);
    assertTrue(
        new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"));
    Files.copy(html, Chromium.SCREENSHOTS.resolve("release-report.html"), REPLACE_EXISTING);
    Files.copy(pdf, Chromium.SCREENSHOTS.resolve("release-report.pdf"), REPLACE_EXISTING);
  }
}
