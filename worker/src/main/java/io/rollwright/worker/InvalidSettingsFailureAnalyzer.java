package io.rollwright.worker;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidSettingsException} as Spring Boot's "APPLICATION FAILED TO START"
 * description and action, without a stack trace.
 */
public class InvalidSettingsFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidSettingsException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
    return new FailureAnalysis(cause.description(), cause.action(), cause);
  }
}
