package io.rollwright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwright.api.ControlRequest;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.client.ReleaseInProgressException;
import io.rollwright.client.ReleaseStarter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What Temporal itself shows and enforces: search attributes and summary of a running release, one
 * release per service and environment.
 */
class VisibilityIT extends RealServerTest {
  @Test
  void describeShowsSearchAttributesAndSummaryOfARunningRelease() throws Exception {
    try (AppProcess worker = worker("describe")) {
      String id = start(request("search", "gate"));
      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));

      JsonNode described =
          new ObjectMapper()
              .readTree(temporal("workflow", "describe", "--workflow-id", id, "--output", "json"));

      Map<String, String> attributes = new TreeMap<>();
      described
          .findValue("indexedFields")
          .fields()
          .forEachRemaining(
              f ->
                  attributes.put(
                      f.getKey(),
                      new String(
                          Base64.getDecoder().decode(f.getValue().get("data").asText()),
                          StandardCharsets.UTF_8)));
      assertEquals("\"search\"", attributes.get("ReleaseService"));
      assertEquals("\"2.3.0\"", attributes.get("ReleaseVersion"));
      assertEquals("\"prod\"", attributes.get("ReleaseEnvironment"));
      assertEquals("\"alice\"", attributes.get("ReleaseRequestedBy"));
      assertEquals("\"AWAITING_APPROVAL\"", attributes.get("ReleaseStatus"));
      assertEquals("\"canary-10\"", attributes.get("ReleaseStage"));
      assertEquals("10", attributes.get("ReleaseWeight"));
      assertEquals("search 2.3.0 → prod, canary", described.findValue("summary").asText());
      release(id).abort(new ControlRequest("test", "done looking"));
      result(id, Duration.ofMinutes(1));
    }
  }

  @Test
  void secondStartOfTheSameServiceAndEnvironmentIsRefusedUntilTheFirstEnds() throws Exception {
    try (AppProcess worker = worker("duplicate")) {
      String id = start(request("ledger", "gate"));
      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));

      ReleaseInProgressException refused =
          assertThrows(
              ReleaseInProgressException.class,
              () -> new ReleaseStarter(server.client()).start(request("ledger", "gate")));
      assertTrue(
          refused
              .getMessage()
              .startsWith(
                  "ledger@prod already has a release in progress (ledger 2.3.0 requested by alice, now AWAITING_APPROVAL"),
          refused.getMessage());

      release(id).abort(new ControlRequest("test", "make way"));
      assertEquals(ReleaseOutcome.ROLLED_BACK, result(id, Duration.ofMinutes(1)).outcome());
      start(request("ledger", "gate"));
      awaitPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(1));
      release(id).abort(new ControlRequest("test", "done"));
      result(id, Duration.ofMinutes(1));
    }
  }

  private static String temporal(String... args) throws Exception {
    Path out = dir.resolve("temporal-cli.out");
    String[] cmd = new String[args.length + 3];
    cmd[0] = TemporalDevServer.binary();
    System.arraycopy(args, 0, cmd, 1, args.length);
    cmd[args.length + 1] = "--address";
    cmd[args.length + 2] = server.address();
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    String printed = Files.readString(out);
    assertEquals(0, p.exitValue(), printed);
    return printed;
  }
}
