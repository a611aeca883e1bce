package io.rollwright.analysis;

import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.AnalysisSettings;
import io.rollwright.policy.BreachAction;
import io.rollwright.policy.DurationText;
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
  private final List<AnalysisCheck> checks;
  private final AnalysisSettings settings;
  private final Map<String, CheckState> states;
  private final Map<String, CheckReading> latest = new LinkedHashMap<>();

  public AnalysisJudge(List<AnalysisCheck> checks, AnalysisSettings settings, Map<String, CheckState> states) {
    this.checks = List.copyOf(checks);
    this.settings = settings;
    this.states = new LinkedHashMap<>(states);
  }

  /** Judges one tick: a sample per check name. Returns the readings of this tick. */
  public List<CheckReading> observe(Map<String, Sample> samples) {
    List<CheckReading> readings = new ArrayList<>();
    for (AnalysisCheck check : checks) {
      Sample sample = samples.get(check.name());
      Judgement j = judge(check, sample, states.getOrDefault(check.name(), CheckState.FRESH), settings);
      states.put(check.name(), j.state());
      latest.put(check.name(), j.reading());
      readings.add(j.reading());
    }
    return readings;
  }

  /** Where the soak stands after the samples seen so far. Rollback outranks pause; both outrank no data. */
  public SoakDecision decision() {
    List<CheckReading> failing = latest.values().stream().filter(r -> r.verdict() == Verdict.FAIL).toList();
    for (BreachAction action : List.of(BreachAction.ROLLBACK, BreachAction.PAUSE)) {
      String reasons = failing.stream().filter(r -> r.onBreach() == action).map(CheckReading::reason).collect(Collectors.joining("; "));
      if (!reasons.isEmpty()) {
        return new SoakDecision(Verdict.FAIL, action, reasons);
      }
    }
    String unknown = latest.values().stream()
        .filter(r -> r.verdict() == Verdict.INCONCLUSIVE && states.get(r.check()).inconclusiveRun() >= settings.inconclusiveAfter())
        .map(CheckReading::reason)
        .collect(Collectors.joining("; "));
    return unknown.isEmpty() ? SoakDecision.PASS : new SoakDecision(Verdict.INCONCLUSIVE, BreachAction.PAUSE, unknown);
  }

  public Map<String, CheckState> states() {
    return Map.copyOf(states);
  }

  public List<CheckReading> latest() {
    return List.copyOf(latest.values());
  }

  /** Judges one check on one sample, given what it remembered from the previous samples. */
  public static Judgement judge(AnalysisCheck check, Sample sample, CheckState previous, AnalysisSettings settings) {
    Metric.Unit unit = Metric.byId(check.metric()).map(m -> m.unit).orElse(Metric.Unit.COUNT);
    boolean ratio = check.comparison() == AnalysisCheck.Comparison.MAX_VS_BASELINE;
    String missing = missingData(sample, ratio, settings.minRequests());
    if (missing != null) {
      int run = previous.inconclusiveRun() + 1;
      String reason = check.name() + ": " + missing + " (" + run + " of " + settings.inconclusiveAfter() + " samples)";
      CheckReading reading = reading(check, sample, Verdict.INCONCLUSIVE, false, Double.NaN, reason);
      return new Judgement(reading, new CheckState(previous.breachingSinceMillis(), run));
    }
    double canary = sample.canary().value();
    double limit = ratio ? check.limit() * Math.max(sample.baseline().value(), unit.ratioFloor) : check.limit();
    boolean breach = check.comparison() == AnalysisCheck.Comparison.MIN ? canary < limit : canary > limit;
    String limitText = describeLimit(check, unit, limit, sample);
    if (!breach) {
      String reason = check.name() + " " + unit.format(canary) + " within " + limitText;
      return new Judgement(reading(check, sample, Verdict.PASS, false, limit, reason), CheckState.FRESH);
    }
    long since = previous.breachingSinceMillis() != null ? previous.breachingSinceMillis() : sample.atMillis();
    Duration breaching = Duration.ofMillis(sample.atMillis() - since);
    boolean sustained = breaching.compareTo(check.sustained()) >= 0;
    String op = check.comparison() == AnalysisCheck.Comparison.MIN ? " < " : " > ";
    String reason = check.name() + " " + unit.format(canary) + op + limitText;
    if (!check.sustained().isZero()) {
      reason += sustained
          ? " for " + DurationText.format(breaching)
          : " (breaching for " + DurationText.format(breaching) + " of " + DurationText.format(check.sustained()) + ")";
    }
    Verdict verdict = sustained ? Verdict.FAIL : Verdict.PASS;
    return new Judgement(reading(check, sample, verdict, true, limit, reason), new CheckState(since, 0));
  }

  private static String missingData(Sample sample, boolean ratio, long minRequests) {
    if (sample == null) return "no sample taken";
    if (!sample.canary().present()) return "no canary data (" + sample.canary().missing() + ")";
    if (ratio && !sample.baseline().present()) return "no baseline data (" + sample.baseline().missing() + ")";
    if (minRequests > 0) {
      Measurement n = sample.requests();
      if (n == null || !n.present()) return "canary request count unknown";
      if (n.value() < minRequests) return "too little canary traffic (" + Math.round(n.value()) + " requests < " + minRequests + ")";
    }
    return null;
  }

  private static String describeLimit(AnalysisCheck check, Metric.Unit unit, double limit, Sample sample) {
    if (check.comparison() == AnalysisCheck.Comparison.MAX_VS_BASELINE) {
      return unit.format(limit) + " (" + check.limit() + "× baseline " + unit.format(sample.baseline().value()) + ")";
    }
    return unit.format(limit);
  }

  private static CheckReading reading(AnalysisCheck check, Sample sample, Verdict verdict, boolean breaching, double limit, String reason) {
    Double canary = sample == null ? null : sample.canary().value();
    Double baseline = sample == null || sample.baseline() == null ? null : sample.baseline().value();
    return new CheckReading(check.name(), check.metric(), verdict, breaching, canary, baseline,
        Double.isNaN(limit) ? check.limit() : limit, check.onBreach(), reason, sample == null ? 0 : sample.atMillis());
  }
}
