package io.rollwright.policy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The deploy calendars a release runs under, read: whether a change may start at a given time, and
 * if not why and when it may. A change may start only when every calendar allows it: inside one of
 * its windows (if it has any) and inside none of its freezes. Pure.
 */
public final class CalendarRule {
  /** How far ahead the next opening is looked for. */
  static final Duration HORIZON = Duration.ofDays(400);

  static final int MAX_WINDOWS = 50;
  static final int MAX_FREEZES = 100;

  /**
   * Why a change may not start, and when it may ({@code untilMillis}; null when no opening lies
   * within {@link #HORIZON}).
   */
  public record Hold(String reason, Long untilMillis) {}

  /** A window or a freeze as it falls on the clock, for {@code rollwright calendar}. */
  public record Period(String kind, String what, long startMillis, long endMillis) {}

  private record Frozen(String reason, WeeklySpan weekly, Instant start, Instant end) {}

  private record Read(ZoneId zone, List<WeeklySpan> windows, List<Frozen> freezes) {}

  private final List<Read> calendars = new ArrayList<>();

  /** The rule of {@code calendars}, each valid ({@link #check}). */
  public CalendarRule(List<DeployCalendar> calendars) {
    for (DeployCalendar c : calendars) {
      ZoneId zone = zone(c);
      List<Frozen> freezes = new ArrayList<>();
      for (Freeze f : c.freezes()) {
        freezes.add(
            f.recurring()
                ? new Frozen(f.reason(), WeeklySpan.of(f.weekly()), null, null)
                : new Frozen(f.reason(), null, instant(f.start(), zone), instant(f.end(), zone)));
      }
      this.calendars.add(
          new Read(zone, c.windows().stream().map(WeeklySpan::of).toList(), freezes));
    }
  }

  /** Adds to {@code v} what is wrong with {@code c}, naming fields under {@code field}. */
  public static void check(String field, DeployCalendar c, Violations v) {
    ZoneId zone = ZoneOffset.UTC;
    try {
      zone = zone(c);
    } catch (DateTimeException e) {
      v.add(field + ".zone", "'" + c.zone() + "' is not an IANA time zone (e.g. Europe/Berlin)");
    }
    if (c.windows().size() > MAX_WINDOWS) {
      v.add(field + ".windows", "at most " + MAX_WINDOWS + " (got " + c.windows().size() + ")");
    }
    if (c.freezes().size() > MAX_FREEZES) {
      v.add(field + ".freezes", "at most " + MAX_FREEZES + " (got " + c.freezes().size() + ")");
    }
    for (int i = 0; i < c.windows().size(); i++) {
      span(v, field + ".windows[" + i + "]", c.windows().get(i));
    }
    for (int i = 0; i < c.freezes().size(); i++) {
      freeze(v, field + ".freezes[" + i + "]", c.freezes().get(i), zone);
    }
  }

  private static void span(Violations v, String field, DeployWindow w) {
    try {
      WeeklySpan.of(w);
    } catch (IllegalArgumentException e) {
      v.add(field + "." + e.getMessage().substring(0, e.getMessage().indexOf(':')), rule(e));
    }
  }

  private static String rule(IllegalArgumentException e) {
    return e.getMessage().substring(e.getMessage().indexOf(':') + 2);
  }

  private static void freeze(Violations v, String field, Freeze f, ZoneId zone) {
    if (f.reason() == null || f.reason().isBlank()) {
      v.add(field + ".reason", "is required: say why (it is shown on every release it holds)");
    } else if (f.reason().length() > 200) {
      v.add(field + ".reason", "at most 200 characters");
    }
    if (f.recurring()) {
      span(v, field, f.weekly());
      return;
    }
    if (!f.days().isEmpty() || f.from() != null || f.to() != null) {
      v.add(field, "either days (with from/to) or start and end, not both");
    }
    try {
      if (!instant(f.start(), zone).isBefore(instant(f.end(), zone))) {
        v.add(field + ".end", "'" + f.end() + "' is not after start '" + f.start() + "'");
      }
    } catch (DateTimeParseException | NullPointerException e) {
      v.add(
          field,
          "start and end must both be ISO-8601 date-times, local (2026-12-20T00:00) or with an"
              + " offset (got '"
              + f.start()
              + "' and '"
              + f.end()
              + "')");
    }
  }

  private static ZoneId zone(DeployCalendar c) {
    return c.zone() == null ? ZoneOffset.UTC : ZoneId.of(c.zone());
  }

  private static Instant instant(String text, ZoneId zone) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(text).atZone(zone).toInstant();
    }
  }

  /** Null when a change may start at {@code nowMillis}; else why not, and when it may. */
  public Hold at(long nowMillis) {
    Instant t = Instant.ofEpochMilli(nowMillis);
    String reason = null;
    for (int i = 0; i < 100; i++) {
      Read blocking = blocking(t);
      if (blocking == null) {
        return reason == null ? null : new Hold(reason, t.toEpochMilli());
      }
      reason = reason == null ? why(blocking, t) : reason;
      Instant next = nextOpen(blocking, t);
      if (next == null) {
        return new Hold(reason, null);
      }
      t = next;
    }
    return new Hold(reason, null);
  }

  private Read blocking(Instant t) {
    for (Read c : calendars) {
      if (!open(c, t)) {
        return c;
      }
    }
    return null;
  }

  private static boolean open(Read c, Instant t) {
    return frozenBy(c, t) == null
        && (c.windows().isEmpty()
            || c.windows().stream().anyMatch(w -> w.contains(t.atZone(c.zone()))));
  }

  private static Frozen frozenBy(Read c, Instant t) {
    for (Frozen f : c.freezes()) {
      boolean in =
          f.weekly() != null
              ? f.weekly().contains(t.atZone(c.zone()))
              : !t.isBefore(f.start()) && t.isBefore(f.end());
      if (in) {
        return f;
      }
    }
    return null;
  }

  private static String why(Read c, Instant t) {
    Frozen f = frozenBy(c, t);
    if (f != null) {
      return "change freeze: " + f.reason();
    }
    return "outside the deploy windows ("
        + String.join(", ", c.windows().stream().map(WeeklySpan::describe).toList())
        + " "
        + c.zone().getId()
        + ")";
  }

  /** The first moment after {@code t} at which {@code c} is open, within the horizon. */
  private static Instant nextOpen(Read c, Instant t) {
    TreeSet<Instant> candidates = new TreeSet<>();
    LocalDate first = t.atZone(c.zone()).toLocalDate().minusDays(1);
    for (int d = 0; d <= HORIZON.toDays(); d++) {
      LocalDate date = first.plusDays(d);
      c.windows().forEach(w -> addAfter(candidates, t, w.start(date, c.zone())));
      c.freezes().stream()
          .filter(f -> f.weekly() != null)
          .forEach(f -> addAfter(candidates, t, f.weekly().end(date, c.zone())));
    }
    c.freezes().stream()
        .filter(f -> f.end() != null)
        .forEach(f -> addAfter(candidates, t, f.end()));
    return candidates.stream().filter(at -> open(c, at)).findFirst().orElse(null);
  }

  private static void addAfter(Set<Instant> candidates, Instant t, Instant at) {
    if (at != null && at.isAfter(t) && at.isBefore(t.plus(HORIZON))) {
      candidates.add(at);
    }
  }

  /**
   * The windows and freezes that fall within {@code days} days from {@code nowMillis} (those
   * already begun included), in time order.
   */
  public List<Period> upcoming(long nowMillis, int days) {
    Instant from = Instant.ofEpochMilli(nowMillis);
    Instant until = from.plus(Duration.ofDays(days));
    List<Period> out = new ArrayList<>();
    for (Read c : calendars) {
      LocalDate first = from.atZone(c.zone()).toLocalDate().minusDays(1);
      for (int d = 0; d <= days + 1; d++) {
        LocalDate date = first.plusDays(d);
        for (WeeklySpan w : c.windows()) {
          add(
              out,
              "window",
              w.describe() + " " + c.zone().getId(),
              w.start(date, c.zone()),
              w.end(date, c.zone()),
              from,
              until);
        }
        for (Frozen f : c.freezes()) {
          if (f.weekly() != null) {
            add(
                out,
                "freeze",
                f.reason(),
                f.weekly().start(date, c.zone()),
                f.weekly().end(date, c.zone()),
                from,
                until);
          }
        }
      }
      c.freezes().stream()
          .filter(f -> f.weekly() == null)
          .forEach(f -> add(out, "freeze", f.reason(), f.start(), f.end(), from, until));
    }
    out.sort(Comparator.comparingLong(Period::startMillis).thenComparing(Period::kind));
    return out;
  }

  private static void add(
      List<Period> out,
      String kind,
      String what,
      Instant start,
      Instant end,
      Instant from,
      Instant until) {
    if (start != null && end.isAfter(from) && start.isBefore(until)) {
      out.add(new Period(kind, what, start.toEpochMilli(), end.toEpochMilli()));
    }
  }
}
