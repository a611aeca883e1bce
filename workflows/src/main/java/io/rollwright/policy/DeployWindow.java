package io.rollwright.policy;

import java.util.List;

/**
 * A weekly span of local time: on each of {@code days} ({@code Mon}…{@code Sun}, or a range such as
 * {@code Tue-Thu}), from {@code from} until {@code to} ({@code HH:mm}; {@code 24:00} is the end of
 * the day; both default to the whole day). An allowed deploy window, or the time of a recurring
 * freeze.
 */
public record DeployWindow(List<String> days, String from, String to) {
  public DeployWindow {
    days = days == null ? List.of() : List.copyOf(days);
  }
}
