package io.rollwright.activities.metrics.log;

import io.rollwright.activities.metrics.MetricProvider;
import io.rollwright.activities.metrics.MetricQuery;
import io.rollwright.analysis.Measurement;
import io.rollwright.policy.AnalysisCheck;
import io.rollwright.policy.Violations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metric provider {@code log}: reads no metrics. A policy naming it may have no analysis checks
 * (refused when the policy is resolved); a pre-flight check that asks it anyway gets no data, and
 * the ask is logged. For policies of soaks and gates only. Never a worker's default provider.
 */
public final class LogMetricProvider implements MetricProvider {
  public static final String NAME = "log";

  private static final Logger log = LoggerFactory.getLogger("rollwright.metrics");

  @Override
  public Measurement measure(MetricQuery query) {
    log.info(
        "{}@{}: {} of {} asked of the log provider, which reads no metrics",
        query.service(),
        query.environment(),
        query.metric(),
        query.track());
    return Measurement.none("the " + NAME + " metric provider reads no metrics");
  }

  @Override
  public void checkQuery(String field, AnalysisCheck check, Violations v) {
    v.add(
        field,
        "the "
            + NAME
            + " metric provider reads no metrics, so a policy using it can have no analysis"
            + " checks (remove the check, or set policy.analysis.provider)");
  }
}
