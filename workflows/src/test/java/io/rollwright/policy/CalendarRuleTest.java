package io.rollwright.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Berlin's deploy windows are Tuesday to Thursday, 09:00 to 16:00. */
class CalendarRuleTest {
  static final DeployWindow TUE_THU = new DeployWindow(List.of("Tue-Thu"), "09:00", "16:00");

  static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  static CalendarRule rule(DeployCalendar... calendars) {
    return new CalendarRule(List.of(calendars));
  }

  static DeployCalendar berlin(List<DeployWindow> windows, Freeze... freezes) {
    return new DeployCalendar("Europe/Berlin", windows, List.of(freezes), null);
  }

  @Test
  void insideAWindowAChangeMayStart() {
    // Wednesday 2026-12-02 10:00 in Berlin (UTC+1)
    assertNull(rule(berlin(List.of(TUE_THU))).at(at("2026-12-02T09:00:00Z")));
  }

  @Test
  void fridayAfternoonWaitsForTuesdayMorningInTheCalendarsZone() {
    // Friday 2026-12-04 16:55 in Berlin
    CalendarRule.Hold hold = rule(berlin(List.of(TUE_THU))).at(at("2026-12-04T15:55:00Z"));
    assertEquals("outside the deploy windows (Tue-Thu 09:00-16:00 Europe/Berlin)", hold.reason());
    assertEquals(at("2026-12-08T08:00:00Z"), hold.untilMillis(), "Tuesday 09:00 in Berlin");
  }

  @Test
  void theNextOpeningFollowsTheClockChange() {
    // Saturday 2026-03-28 10:00 CET; clocks go forward on Sunday; Monday 09:00 is CEST (UTC+2)
    DeployWindow weekdays = new DeployWindow(List.of("Mon-Fri"), "09:00", "17:00");
    CalendarRule.Hold hold = rule(berlin(List.of(weekdays))).at(at("2026-03-28T09:00:00Z"));
    assertEquals(at("2026-03-30T07:00:00Z"), hold.untilMillis());
  }

  @Test
  void aFreezeHoldsUntilItEndsAndThenUntilAWindowOpens() {
    Freeze yearEnd =
        new Freeze("year-end", null, null, null, "2026-12-18T12:00", "2027-01-04T00:00");
    CalendarRule r = rule(berlin(List.of(TUE_THU), yearEnd));
    CalendarRule.Hold hold = r.at(at("2026-12-22T09:00:00Z"));
    assertEquals("change freeze: year-end", hold.reason());
    // the freeze ends Monday 2027-01-04 00:00; the first window after it is Tuesday 09:00
    assertEquals(at("2027-01-05T08:00:00Z"), hold.untilMillis());
    assertNull(r.at(at("2026-12-17T09:00:00Z")), "the Thursday before the freeze is open");
  }

  @Test
  void aRecurringFreezeWithNoWindowsEndsWhenItsSpanDoes() {
    Freeze weekend = new Freeze("weekend", List.of("Fri"), "17:00", null, null, null);
    Freeze saturday = new Freeze("weekend", List.of("Sat", "Sun"), null, null, null, null);
    DeployCalendar utc = new DeployCalendar(null, null, List.of(weekend, saturday), null);
    CalendarRule.Hold hold = rule(utc).at(at("2026-12-04T17:30:00Z"));
    assertEquals("change freeze: weekend", hold.reason());
    assertEquals(at("2026-12-07T00:00:00Z"), hold.untilMillis(), "Monday midnight UTC");
  }

  @Test
  void everyCalendarMustAllowTheChange() {
    DeployCalendar global =
        new DeployCalendar(
            "UTC",
            null,
            List.of(
                new Freeze("launch", null, null, null, "2026-12-08T00:00Z", "2026-12-09T12:00Z")),
            null);
    CalendarRule.Hold hold = rule(berlin(List.of(TUE_THU)), global).at(at("2026-12-04T15:55:00Z"));
    assertEquals("outside the deploy windows (Tue-Thu 09:00-16:00 Europe/Berlin)", hold.reason());
    // Tuesday is frozen by the global calendar until Wednesday 12:00 UTC (13:00 in Berlin)
    assertEquals(at("2026-12-09T12:00:00Z"), hold.untilMillis());
  }

  @Test
  void upcomingListsWindowsAndFreezesInTimeOrder() {
    Freeze launch = new Freeze("launch", null, null, null, "2026-12-03T00:00", "2026-12-03T12:00");
    List<CalendarRule.Period> next =
        rule(berlin(List.of(TUE_THU), launch)).upcoming(at("2026-12-01T10:00:00Z"), 3);
    assertEquals(
        List.of(
            new CalendarRule.Period(
                "window",
                "Tue-Thu 09:00-16:00 Europe/Berlin",
                at("2026-12-01T08:00:00Z"),
                at("2026-12-01T15:00:00Z")),
            new CalendarRule.Period(
                "window",
                "Tue-Thu 09:00-16:00 Europe/Berlin",
                at("2026-12-02T08:00:00Z"),
                at("2026-12-02T15:00:00Z")),
            new CalendarRule.Period(
                "freeze", "launch", at("2026-12-02T23:00:00Z"), at("2026-12-03T11:00:00Z")),
            new CalendarRule.Period(
                "window",
                "Tue-Thu 09:00-16:00 Europe/Berlin",
                at("2026-12-03T08:00:00Z"),
                at("2026-12-03T15:00:00Z"))),
        next);
  }

  @Test
  void badCalendarsAreRefusedNamingTheField() {
    Violations v = new Violations();
    CalendarRule.check(
        "policy.calendar",
        new DeployCalendar(
            "Mars/Olympus",
            List.of(
                new DeployWindow(List.of("Tue-Thor"), "09:00", "16:00"),
                new DeployWindow(List.of("Mon"), "17:00", "09:00"),
                new DeployWindow(List.of(), null, null)),
            List.of(
                new Freeze(null, List.of("Sat"), null, null, null, null),
                new Freeze("x", List.of("Sat"), null, null, "2026-12-01T00:00", "2026-12-02T00:00"),
                new Freeze("y", null, null, null, "2026-12-02T00:00", "2026-12-01T00:00"),
                new Freeze("z", null, null, null, "soon", null)),
            null),
        v);
    assertEquals(
        List.of(
            "policy.calendar.zone: 'Mars/Olympus' is not an IANA time zone (e.g. Europe/Berlin)",
            "policy.calendar.windows[0].days: 'Thor' is not a day (Mon … Sun)",
            "policy.calendar.windows[1].to: 09:00 is not after from 17:00 (split a span across"
                + " midnight)",
            "policy.calendar.windows[2].days: name at least one day (Mon … Sun, or Mon-Fri)",
            "policy.calendar.freezes[0].reason: is required: say why (it is shown on every"
                + " release it holds)",
            "policy.calendar.freezes[1]: either days (with from/to) or start and end, not both",
            "policy.calendar.freezes[2].end: '2026-12-01T00:00' is not after start"
                + " '2026-12-02T00:00'",
            "policy.calendar.freezes[3]: start and end must both be ISO-8601 date-times, local"
                + " (2026-12-20T00:00) or with an offset (got 'soon' and 'null')"),
        v.list().stream().map(Violation::toString).toList());
  }
}
