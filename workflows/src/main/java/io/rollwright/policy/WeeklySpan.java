package io.rollwright.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@link DeployWindow} read: the days of the week it recurs on and its local start and end (a
 * null end is the end of the day). Pure.
 */
record WeeklySpan(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

  /** Reads {@code w}; throws {@link IllegalArgumentException} saying what is wrong. */
  static WeeklySpan of(DeployWindow w) {
    if (w.days().isEmpty()) {
      throw new IllegalArgumentException("days: name at least one day (Mon … Sun, or Mon-Fri)");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    w.days().forEach(d -> days.addAll(days(d)));
    LocalTime from = w.from() == null ? LocalTime.MIDNIGHT : time("from", w.from(), false);
    LocalTime to = w.to() == null ? null : time("to", w.to(), true);
    if (to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException(
          "to: " + w.to() + " is not after from " + w.from() + " (split a span across midnight)");
    }
    return new WeeklySpan(days, from, to);
  }

  private static Set<DayOfWeek> days(String text) {
    String[] ends = text == null ? new String[] {""} : text.split("-", -1);
    if (ends.length > 2) {
      throw new IllegalArgumentException("days: '" + text + "' is not a day or a range of days");
    }
    DayOfWeek first = day(ends[0]);
    DayOfWeek last = ends.length == 2 ? day(ends[1]) : first;
    Set<DayOfWeek> out = EnumSet.of(first);
    for (DayOfWeek d = first; d != last; d = d.plus(1)) {
      out.add(d.plus(1));
    }
    return out;
  }

  private static DayOfWeek day(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.getDisplayName(TextStyle.FULL, Locale.ROOT).toLowerCase(Locale.ROOT);
      if (t.length() >= 3 && full.startsWith(t)) {
        return d;
      }
    }
    throw new IllegalArgumentException("days: '" + text + "' is not a day (Mon … Sun)");
  }

  private static LocalTime time(String field, String text, boolean endOfDayAllowed) {
    if (endOfDayAllowed && "24:00".equals(text)) {
      return null;
    }
    try {
      if (text.length() == 5) {
        return LocalTime.parse(text);
      }
    } catch (DateTimeParseException e) {
      // said below
    }
    throw new IllegalArgumentException(
        field
            + ": '"
            + text
            + "' is not a time of day HH:mm"
            + (endOfDayAllowed ? " or 24:00" : ""));
  }

  /** Whether the local time {@code z} falls in this span. */
  boolean contains(ZonedDateTime z) {
    LocalTime t = z.toLocalTime();
    return days.contains(z.getDayOfWeek()) && !t.isBefore(from) && (to == null || t.isBefore(to));
  }

  /** When this span begins on {@code date} in {@code zone}, or null if it does not recur then. */
  Instant start(LocalDate date, ZoneId zone) {
    return days.contains(date.getDayOfWeek())
        ? ZonedDateTime.of(date, from, zone).toInstant()
        : null;
  }

  /** When this span ends on {@code date} in {@code zone}, or null if it does not recur then. */
  Instant end(LocalDate date, ZoneId zone) {
    if (!days.contains(date.getDayOfWeek())) {
      return null;
    }
    return to == null
        ? date.plusDays(1).atStartOfDay(zone).toInstant()
        : ZonedDateTime.of(date, to, zone).toInstant();
  }

  /** As people read it: {@code Tue-Thu 09:00-16:00}. */
  String describe() {
    List<DayOfWeek> listed = List.copyOf(days);
    String when =
        listed.size() > 2
                && listed.get(listed.size() - 1).getValue() - listed.get(0).getValue()
                    == listed.size() - 1
            ? name(listed.get(0)) + "-" + name(listed.get(listed.size() - 1))
            : String.join(",", listed.stream().map(WeeklySpan::name).toList());
    return when + " " + from + "-" + (to == null ? "24:00" : to.toString());
  }

  private static String name(DayOfWeek d) {
    return d.getDisplayName(TextStyle.SHORT, Locale.ROOT);
  }
}
