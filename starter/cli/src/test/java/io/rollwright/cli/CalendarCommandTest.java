package io.rollwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollwright calendar}: checkout's own policy allows Tuesday to Thursday 09:00-16:00 in
 * Berlin; the global file freezes everything for a launch.
 */
class CalendarCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    return RollwrightCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private void write(String name, String... lines) throws IOException {
    Files.writeString(dir.resolve(name + ".yaml"), String.join("\n", lines) + "\n");
  }

  @Test
  void showsWhetherAStageMayStartAndTheWindowsAndFreezesAhead() throws IOException {
    write(
        "checkout",
        "extends: quick",
        "calendar:",
        "  zone: Europe/Berlin",
        "  environments: [prod]",
        "  windows:",
        "    - {days: [Tue-Thu], from: '09:00', to: '16:00'}");
    write(
        "_global",
        "calendar:",
        "  freezes:",
        "    - {reason: launch day, start: '2026-12-08T00:00Z', end: '2026-12-08T12:00Z'}");

    assertEquals(
        0,
        run(
            "calendar",
            "checkout",
            "--env",
            "prod",
            "--policies-dir",
            dir.toString(),
            "--at",
            "2026-12-04T15:55:00Z",
            "--days",
            "6"),
        err.toString());
    List<String> lines = out.toString().lines().toList();
    assertEquals(
        List.of(
            "calendar of checkout → prod (from "
                + dir.resolve("_global.yaml")
                + ", "
                + dir.resolve("checkout.yaml")
                + ")",
            "now: held — outside the deploy windows (Tue-Thu 09:00-16:00 Europe/Berlin); opens"
                + " 2026-12-08T12:00Z",
            "from 2026-12-04T15:55Z, next 6 days (UTC):",
            "  freeze 2026-12-08T00:00Z → 2026-12-08T12:00Z  launch day",
            "  window 2026-12-08T08:00Z → 2026-12-08T15:00Z  Tue-Thu 09:00-16:00 Europe/Berlin",
            "  window 2026-12-09T08:00Z → 2026-12-09T15:00Z  Tue-Thu 09:00-16:00 Europe/Berlin",
            "  window 2026-12-10T08:00Z → 2026-12-10T15:00Z  Tue-Thu 09:00-16:00 Europe/Berlin"),
        lines);
  }

  @Test
  void anotherEnvironmentHasOnlyTheGlobalCalendar() throws IOException {
    write(
        "checkout",
        "extends: quick",
        "calendar: {zone: Europe/Berlin, environments: [prod], windows: [{days: [Tue]}]}");
    assertEquals(
        0,
        run(
            "calendar",
            "checkout",
            "--env",
            "staging",
            "--policies-dir",
            dir.toString(),
            "--at",
            "2026-12-04T15:55:00Z"));
    assertTrue(
        out.toString().contains("no deploy calendar: stages may start at any time"),
        out.toString());
  }

  @Test
  void aBrokenCalendarIsRefusedNamingTheFileAndField() throws IOException {
    write("checkout", "calendar: {zone: Europe/Berlin, windows: [{days: [Someday]}]}");
    assertEquals(1, run("calendar", "checkout", "--env", "prod", "--policies-dir", dir.toString()));
    assertTrue(
        err.toString()
            .contains(
                "checkout.yaml: calendar.windows[0].days: 'Someday' is not a day (Mon … Sun)"),
        err.toString());
    assertEquals(1, run("calendar", "checkout", "--env", "prod", "--days", "400"));
    assertTrue(
        err.toString().contains("--days must be between 1 and 90 (got 400)"), err.toString());
  }
}
