package io.rollwright.api;

/** One pre-flight check's result, with what it saw ("quality score 0.87 ≥ 0.85"). */
public record PreflightResult(String check, boolean passed, String detail) {}
