package io.rollwright.api;

import io.rollwright.analysis.SoakDecision;
import io.rollwright.analysis.Verdict;
import io.rollwright.api.ReleaseEvent.Kind;
import io.rollwright.policy.DurationText;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** What the analysis of a soak found, and what it could not use. */
public sealed interface AnalysisEvent extends AuditEntry {

  /**
   * An analysis run's verdict and reason, after {@code samples} samples over {@code overMillis}.
   */
  record Analysed(
      long atMillis, String actor, Verdict verdict, String reason, int samples, long overMillis)
      implements AnalysisEvent {
    public Analysed {
      reason = AuditEntry.text(reason);
    }

    /** What {@code result} found, at {@code atMillis}. */
    public static Analysed of(long atMillis, SoakResult result) {
      SoakDecision decision = result.decision();
      return new Analysed(
          atMillis,
          SYSTEM,
          decision.verdict(),
          decision.reason(),
          result.samples(),
          result.elapsedMillis());
    }

    @Override
    public String action() {
      return "analysis " + verdict.name();
    }

    @Override
    public String detail() {
      return reason
          + " ("
          + samples
          + " sample(s) over "
          + DurationText.format(Duration.ofMillis(overMillis).truncatedTo(ChronoUnit.SECONDS))
          + ")";
    }

    @Override
    public Kind kind() {
      return Kind.ANALYSED;
    }
  }

  /** Something about an analysis run worth keeping that is not its verdict. */
  record Note(long atMillis, String actor, NoteKind note, String text) implements AnalysisEvent {
    public Note {
      text = AuditEntry.text(text);
    }

    @Override
    public String action() {
      return switch (note) {
        case GAP -> "analysis gap";
        case IGNORED -> "analysis ignored";
        case WHILE_PAUSED -> "analysis while paused";
      };
    }

    @Override
    public String detail() {
      return text;
    }
  }

  /** What an analysis {@link Note} is about. */
  enum NoteKind {
    /** A gap in sampling (a worker's death, a provider outage) the run covered again. */
    GAP,
    /** A run that had already ended reported a rollback; it was not acted on. */
    IGNORED,
    /** A finding that would pause the release came while it was already paused. */
    WHILE_PAUSED
  }
}
