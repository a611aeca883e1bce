package io.rollwright.analysis;

/**
 * One value read from a metric provider, or the reason there is none. "No data" (empty result, NaN,
 * provider down) is distinct from any value.
 */
public record Measurement(Double value, String missing) {
  public static Measurement of(double value) {
    return Double.isNaN(value) || Double.isInfinite(value)
        ? none("value is " + value)
        : new Measurement(value, null);
  }

  public static Measurement none(String why) {
    return new Measurement(null, why);
  }

  public boolean present() {
    return value != null;
  }
}
