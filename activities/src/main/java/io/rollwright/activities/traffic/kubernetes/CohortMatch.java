package io.rollwright.activities.traffic.kubernetes;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What marks a request as a cohort's: a header whose value is the cohort ({@code x-cohort:
 * internal_test}, the default) or a cookie whose value is ({@code Cookie: rollwright_cohort=
 * internal_test}). A cookie is matched as a regular expression on the {@code Cookie} header, the
 * only way both Gateway API and ingress-nginx can match a cookie's value. Pure.
 */
public record CohortMatch(By by, String name) {
  /** Where the cohort is read from. */
  public enum By {
    HEADER,
    COOKIE
  }

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
  private static final String COOKIE_HEADER = "Cookie";
  private static final String COOKIE_BEFORE = "(^|;\\s*)";
  private static final String COOKIE_AFTER = "(;|$)";

  public static final CohortMatch DEFAULT = new CohortMatch(By.HEADER, "x-cohort");

  /** The cookie a cohort is read from when cookies are chosen and no name is given. */
  public static final String DEFAULT_COOKIE = "rollwright_cohort";

  public CohortMatch {
    if (by == null) {
      throw new IllegalArgumentException("cohorts are matched by header or cookie, not by nothing");
    }
    if (name == null || !TOKEN.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a "
              + by.name().toLowerCase(Locale.ROOT)
              + " name (1 to 64 letters, digits and !#$%&'*+.^_`|~-)");
    }
    if (by == By.HEADER && name.equalsIgnoreCase(COOKIE_HEADER)) {
      throw new IllegalArgumentException(
          "the Cookie header holds every cookie; match a cookie by name with cookie matching");
    }
  }

  /**
   * The match a setting names: {@code by} is {@code header} or {@code cookie} (null: header), and
   * {@code name} the header or cookie (null or blank: {@code x-cohort} or {@code
   * rollwright_cohort}).
   */
  public static CohortMatch of(String by, String name) {
    By kind;
    try {
      kind =
          by == null || by.isBlank() ? By.HEADER : By.valueOf(by.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + by + "' is neither header nor cookie");
    }
    if (name == null || name.isBlank()) {
      name = kind == By.HEADER ? DEFAULT.name() : DEFAULT_COOKIE;
    }
    return new CohortMatch(kind, name.trim());
  }

  /** The request header the match reads. */
  public String header() {
    return by == By.HEADER ? name : COOKIE_HEADER;
  }

  /** Whether the header value must equal the cohort, or match {@link #pattern}. */
  public boolean exact() {
    return by == By.HEADER;
  }

  /** The value of {@link #header} that marks {@code cohort}'s requests, exact or a pattern. */
  public String value(String cohort) {
    return by == By.HEADER ? cohort : pattern(List.of(cohort));
  }

  /** A regular expression on {@link #header} that matches any of {@code cohorts}' requests. */
  public String pattern(List<String> cohorts) {
    String any = String.join("|", cohorts.stream().map(CohortMatch::literal).toList());
    return by == By.HEADER
        ? "^(" + any + ")$"
        : COOKIE_BEFORE + literal(name) + "=(" + any + ")" + COOKIE_AFTER;
  }

  /** The cohort a {@link #value} names, or null when it is no value of this match. */
  public String cohortOf(String value) {
    if (by == By.HEADER || value == null) {
      return value;
    }
    String before = COOKIE_BEFORE + literal(name) + "=(";
    String after = ")" + COOKIE_AFTER;
    return value.startsWith(before) && value.endsWith(after)
        ? value.substring(before.length(), value.length() - after.length()).replace("\\", "")
        : null;
  }

  /** {@code text} as a regular expression that PCRE and RE2 both read literally. */
  private static String literal(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (".^$|*+?()[]{}\\".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * How this match reads in messages: {@code header x-cohort} or {@code cookie rollwright_cohort}.
   */
  public String describe() {
    return by.name().toLowerCase(Locale.ROOT) + " " + name;
  }
}
