package io.rollwright.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.analysis.AnalysisJudge;
import io.rollwright.analysis.CheckState;
import io.rollwright.analysis.Judgement;
import io.rollwright.analysis.Measurement;
import io.rollwright.analysis.Sample;
import io.rollwright.analysis.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks on a custom query: validated by name and limit, judged like any other metric. */
class CustomQueryCheckTest {
  private static final PolicyValidator VALIDATOR =
      new PolicyValidator(
          PolicyValidator.Known.names(Set.of("sandbox"), Set.of("sandbox"), Set.of()));

  private static List<Violation> violations(AnalysisCheck check) {
    Stage stage =
        new Stage(
            "canary-10", 10.0, Duration.ofMinutes(10), List.of(check), null, null, null, null);
    return VALIDATOR.check(
        new ReleasePolicy(
                "p",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(stage),
                Map.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null)
            .completed("sandbox", "sandbox"));
  }

  private static AnalysisCheck custom(String metric, String query, Double max) {
    return new AnalysisCheck(
        null, metric, max, null, null, Duration.ZERO, BreachAction.ROLLBACK, null, query);
  }

  @Test
  void aNamedCustomQueryWithALimitIsValid() {
    assertEquals(
        List.of(),
        violations(
            custom(
                "queue-depth",
                "max(queue_depth{service=\"{{service}}\",track=\"{{track}}\"})",
                500.0)));
  }

  @Test
  void aCustomQueryNeedsANameAndAQuery() {
    assertEquals(
        List.of("policy.stages[0].checks[0].metric"),
        violations(custom("Queue Depth", "up", 1.0)).stream().map(Violation::field).toList());
    assertEquals(
        List.of("policy.stages[0].checks[0].query"),
        violations(custom("queue-depth", " ", 1.0)).stream().map(Violation::field).toList());
  }

  @Test
  void anUnknownMetricWithoutAQueryPointsToCustomQueries() {
    List<Violation> found = violations(custom("queue-depth", null, 1.0));
    assertEquals("policy.stages[0].checks[0].metric", found.get(0).field());
    assertTrue(found.get(0).rule().contains("or give a custom query"), found.get(0).rule());
  }

  @Test
  void aCustomValueIsJudgedAndShownAsItIs() {
    AnalysisSettings settings =
        new AnalysisSettings("sandbox", Duration.ofSeconds(30), 0L, 3, null);
    Sample sample = new Sample(0, Measurement.of(731.5), Measurement.of(12), null);

    Judgement j =
        AnalysisJudge.judge(
            custom("queue-depth", "max(queue_depth)", 500.0), sample, CheckState.FRESH, settings);

    assertEquals(Verdict.FAIL, j.reading().verdict());
    assertEquals("queue-depth 731.5 > 500.0", j.reading().reason());
  }
}
