package io.rollwright.analysis;

/** A check's reading after a sample, and the state it carries to the next sample. */
public record Judgement(CheckReading reading, CheckState state) {}
