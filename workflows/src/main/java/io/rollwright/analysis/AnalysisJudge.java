package io.rollwright.analysis;

import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.AnalysisSettings;
import io.rollwright.policy.BreachAction;
import io.rollwright.policy.DurationText;
import io.rollwright.policy.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns samples into verdicts for one soak. Pure: it is fed samples and keeps only the small
 * per-check state that lets a breach be judged over its sustained window (and that an analysis
 * activity can carry in its heartbeat to survive a crash).
 */
public final class AnalysisJudge {
  /** Samples of each side a Mann-Whitney check waits for before it judges. */
  static final int MANN_WHITNEY_SAMPLES = 5;

  private final List<AnalysisCheck> checks;
  private final AnalysisSettings settings;
  private final Map<String, CheckState> states;
  private final Map<String, CheckReading> latest = new LinkedHashMap<>();

  public AnalysisJudge(
      List<AnalysisCheck> checks, AnalysisSettings settings, Map<String, CheckState> states) {
    this.checks = List.copyOf(checks);
    this.settings = settings;
    this.states = new LinkedHashMap<>(states);
  }

  /** Judges one tick: a sample per check name. Returns the readings of this tick. */
  public List<CheckReading> observe(Map<String, Sample> samples) {
    List<CheckReading> readings = new ArrayList<>();
    for (AnalysisCheck check : checks) {
      Sample sample = samples.get(check.name());
      Judgement j =
          judge(check, sample, states.getOrDefault(check.name(), CheckState.FRESH), settings);
      states.put(check.name(), j.state());
      latest.put(check.name(), j.reading());
      readings.add(j.reading());
    }
    return readings;
  }

  /**
   * Where the soak stands after the samples seen so far. Rollback outranks pause; both outrank no
   * data.
   */
  public SoakDecision decision() {
    List<CheckReading> failing =
        latest.values().stream().filter(r -> r.verdict() == Verdict.FAIL).toList();
    for (BreachAction action : List.of(BreachAction.ROLLBACK, BreachAction.PAUSE)) {
      String reasons =
          failing.stream()
              .filter(r -> r.onBreach() == action)
              .map(CheckReading::reason)
              .collect(Collectors.joining("; "));
      if (!reasons.isEmpty()) {
        return new SoakDecision(Verdict.FAIL, action, reasons);
      }
    }
    String unknown =
        latest.values().stream()
            .filter(
                r ->
                    r.verdict() == Verdict.INCONCLUSIVE
                        && states.get(r.check()).inconclusiveRun() >= settings.inconclusiveAfter())
            .map(CheckReading::reason)
            .collect(Collectors.joining("; "));
    return unknown.isEmpty()
        ? SoakDecision.PASS
        : new SoakDecision(Verdict.INCONCLUSIVE, BreachAction.PAUSE, unknown);
  }

  public Map<String, CheckState> states() {
    return Map.copyOf(states);
  }

  public List<CheckReading> latest() {
    return List.copyOf(latest.values());
  }

  /** Judges one check on one sample, given what it remembered from the previous samples. */
  public static Judgement judge(
      AnalysisCheck check, Sample sample, CheckState previous, AnalysisSettings settings) {
    Metric.Unit unit = Metric.unitOf(check.metric(), check.query());
    boolean againstBaseline =
        check.comparison() == AnalysisCheck.Comparison.MAX_VS_BASELINE
            || check.comparison() == AnalysisCheck.Comparison.MANN_WHITNEY;
    String missing = missingData(sample, againstBaseline, settings.minRequests());
    if (missing != null) {
      int run = previous.inconclusiveRun() + 1;
      String reason =
          check.name()
              + ": "
              + missing
              + " ("
              + run
              + " of "
              + settings.inconclusiveAfter()
              + " samples)";
      CheckReading reading =
          reading(check, sample, Verdict.INCONCLUSIVE, false, Double.NaN, reason);
      return new Judgement(reading, previous.with(previous.breachingSinceMillis(), run));
    }
    CheckState seen =
        check.comparison() == AnalysisCheck.Comparison.MANN_WHITNEY
            ? previous.observed(sample.canary().value(), sample.baseline().value())
            : previous;
    Comparing c =
        check.comparison() == AnalysisCheck.Comparison.MANN_WHITNEY
            ? mannWhitney(check, seen, unit)
            : threshold(check, sample, unit);
    if (!c.breach()) {
      return new Judgement(
          reading(check, sample, Verdict.PASS, false, c.limit(), c.reason()), seen.with(null, 0));
    }
    long since =
        seen.breachingSinceMillis() != null ? seen.breachingSinceMillis() : sample.atMillis();
    Duration breaching = Duration.ofMillis(sample.atMillis() - since);
    boolean sustained = breaching.compareTo(check.sustained()) >= 0;
    String reason = c.reason();
    if (!check.sustained().isZero()) {
      reason +=
          sustained
              ? " for " + DurationText.format(breaching)
              : " (breaching for "
                  + DurationText.format(breaching)
                  + " of "
                  + DurationText.format(check.sustained())
                  + ")";
    }
    Verdict verdict = sustained ? Verdict.FAIL : Verdict.PASS;
    return new Judgement(
        reading(check, sample, verdict, true, c.limit(), reason), seen.with(since, 0));
  }

  /** One sample compared: whether it breaches, the effective limit, and why, in words. */
  private record Comparing(boolean breach, double limit, String reason) {}

  private static Comparing threshold(AnalysisCheck check, Sample sample, Metric.Unit unit) {
    boolean ratio = check.comparison() == AnalysisCheck.Comparison.MAX_VS_BASELINE;
    double canary = sample.canary().value();
    double limit =
        ratio
            ? check.limit() * Math.max(sample.baseline().value(), unit.ratioFloor)
            : check.limit();
    boolean breach =
        check.comparison() == AnalysisCheck.Comparison.MIN ? canary < limit : canary > limit;
    String op =
        !breach ? " within " : check.comparison() == AnalysisCheck.Comparison.MIN ? " < " : " > ";
    return new Comparing(
        breach,
        limit,
        check.name() + " " + unit.format(canary) + op + describeLimit(check, unit, limit, sample));
  }

  /** The soak's canary values against its baseline values, once there are enough of both. */
  private static Comparing mannWhitney(AnalysisCheck check, CheckState seen, Metric.Unit unit) {
    int n = seen.canary().size();
    if (n < MANN_WHITNEY_SAMPLES) {
      return new Comparing(
          false,
          check.limit(),
          check.name()
              + ": collecting samples for the Mann-Whitney test ("
              + n
              + " of "
              + MANN_WHITNEY_SAMPLES
              + ")");
    }
    double[] canary = seen.canary().stream().mapToDouble(Double::doubleValue).toArray();
    double[] baseline = seen.baseline().stream().mapToDouble(Double::doubleValue).toArray();
    MannWhitney.Result r = MannWhitney.test(canary, baseline);
    boolean breach =
        MannWhitney.judge(canary, baseline, check.limit(), higherIsWorse(check.metric()))
            == Verdict.FAIL;
    String reason =
        String.format(
            java.util.Locale.ROOT,
            "%s canary median %s vs baseline %s over %d samples, p = %.4f %s %s (Mann-Whitney)",
            check.name(),
            unit.format(r.canaryMedian()),
            unit.format(r.baselineMedian()),
            n,
            r.pValue(),
            breach ? "<" : "≥",
            check.limit());
    return new Comparing(
        breach,
        check.limit(),
        breach ? reason.replace(" vs ", " significantly worse than ") : reason);
  }

  /**
   * Errors and latency get worse as they grow; rates of success, scores and availability as they
   * fall.
   */
  private static boolean higherIsWorse(String metric) {
    return !(Metric.SUCCESS_RATE.id.equals(metric)
        || Metric.QUALITY_SCORE.id.equals(metric)
        || Metric.UP.id.equals(metric));
  }

  private static String missingData(Sample sample, boolean ratio, long minRequests) {
    if (sample == null) return "no sample taken";
    if (!sample.canary().present()) return "no canary data (" + sample.canary().missing() + ")";
    if (ratio && !sample.baseline().present())
      return "no baseline data (" + sample.baseline().missing() + ")";
    if (minRequests > 0) {
      Measurement n = sample.requests();
      if (n == null || !n.present()) return "canary request count unknown";
      if (n.value() < minRequests)
        return "too little canary traffic ("
            + Math.round(n.value())
            + " requests < "
            + minRequests
            + ")";
    }
    return null;
  }

  private static String describeLimit(
      AnalysisCheck check, Metric.Unit unit, double limit, Sample sample) {
    if (check.comparison() == AnalysisCheck.Comparison.MAX_VS_BASELINE) {
      return unit.format(limit)
          + " ("
          + check.limit()
          + "× baseline "
          + unit.format(sample.baseline().value())
          + ")";
    }
    return unit.format(limit);
  }

  private static CheckReading reading(
      AnalysisCheck check,
      Sample sample,
      Verdict verdict,
      boolean breaching,
      double limit,
      String reason) {
    Double canary = sample == null ? null : sample.canary().value();
    Double baseline =
        sample == null || sample.baseline() == null ? null : sample.baseline().value();
    return new CheckReading(
        check.name(),
        check.metric(),
        verdict,
        breaching,
        canary,
        baseline,
        Double.isNaN(limit) ? check.limit() : limit,
        check.onBreach(),
        reason,
        sample == null ? 0 : sample.atMillis());
  }
}
