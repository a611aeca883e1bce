package io.rollwright.api;

/**
 * One approval gate of one run of a release, written {@code <releaseId>|<runId>|<stage>}: what an
 * approval button carries, so a click reaches that run and that gate only.
 */
public record GateRef(String releaseId, String runId, String stage) {
  private static final String SEPARATOR = "|";

  /** Reads {@link #toString()}'s form back. */
  public static GateRef parse(String text) {
    String[] parts = text == null ? new String[0] : text.split("\\|", 3);
    if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
      throw new IllegalArgumentException("not a gate reference (releaseId|runId|stage): " + text);
    }
    return new GateRef(parts[0], parts[1], parts[2]);
  }

  @Override
  public String toString() {
    return releaseId + SEPARATOR + runId + SEPARATOR + stage;
  }
}
