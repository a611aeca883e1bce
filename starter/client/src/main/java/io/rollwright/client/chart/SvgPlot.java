package io.rollwright.client.chart;

import static io.rollwright.client.chart.Xml.escape;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One chart as SVG text: a time axis from {@code from} to {@code to} and a value axis from 0 to
 * {@code top}, drawn with presentation attributes only, so it reads the same inline in a page, in a
 * self-contained report and as a file. Every text is escaped. Pure.
 */
final class SvgPlot {
  static final int WIDTH = 720;
  static final int HEIGHT = 180;
  private static final int LEFT = 48;
  private static final int RIGHT = 12;
  private static final int TOP = 12;
  private static final int BOTTOM = 28;
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAYS =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final long from;
  private final long to;
  private final double top;
  private final StringBuilder body = new StringBuilder();

  SvgPlot(long from, long to, double top) {
    this.from = from;
    this.to = Math.max(to, from + 1);
    this.top = top > 0 ? top : 1;
  }

  double x(long atMillis) {
    long at = Math.min(Math.max(atMillis, from), to);
    return LEFT + (WIDTH - LEFT - RIGHT) * (double) (at - from) / (to - from);
  }

  double y(double value) {
    double v = Math.min(Math.max(value, 0), top);
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * v / top;
  }

  /** A line through {@code points} ({@code [atMillis, value]}), as steps when {@code steps}. */
  SvgPlot line(List<double[]> points, String color, boolean steps, boolean dashed) {
    if (points.isEmpty()) {
      return this;
    }
    StringBuilder d = new StringBuilder();
    double lastY = 0;
    for (int i = 0; i < points.size(); i++) {
      double px = x((long) points.get(i)[0]);
      double py = y(points.get(i)[1]);
      if (i == 0) {
        d.append('M').append(n(px)).append(' ').append(n(py));
      } else {
        if (steps) {
          d.append(" L").append(n(px)).append(' ').append(n(lastY));
        }
        d.append(" L").append(n(px)).append(' ').append(n(py));
      }
      lastY = py;
    }
    body.append("<path d=\"")
        .append(d)
        .append("\" fill=\"none\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"2\"")
        .append(dashed ? " stroke-dasharray=\"6 4\"" : "")
        .append("/>");
    return this;
  }

  /** A dot at {@code atMillis}, {@code value}, with a tooltip. */
  SvgPlot dot(long atMillis, double value, String color, String title) {
    body.append("<circle cx=\"")
        .append(n(x(atMillis)))
        .append("\" cy=\"")
        .append(n(y(value)))
        .append("\" r=\"3.5\" fill=\"")
        .append(color)
        .append("\"><title>")
        .append(escape(title))
        .append("</title></circle>");
    return this;
  }

  /** A shaded span of time, with a tooltip. */
  SvgPlot band(long start, long end, String color, String title) {
    double x0 = x(start);
    body.append("<rect x=\"")
        .append(n(x0))
        .append("\" y=\"")
        .append(TOP)
        .append("\" width=\"")
        .append(n(Math.max(2, x(end) - x0)))
        .append("\" height=\"")
        .append(HEIGHT - TOP - BOTTOM)
        .append("\" fill=\"")
        .append(color)
        .append("\" fill-opacity=\"0.15\"><title>")
        .append(escape(title))
        .append("</title></rect>");
    return this;
  }

  /** A vertical mark at {@code atMillis} labelled {@code label} at its top. */
  SvgPlot mark(long atMillis, String label, String color) {
    return mark(atMillis, label, color, false);
  }

  /** A vertical mark at {@code atMillis} labelled {@code label}, at its foot when {@code low}. */
  SvgPlot mark(long atMillis, String label, String color, boolean low) {
    double px = x(atMillis);
    body.append("<line x1=\"")
        .append(n(px))
        .append("\" x2=\"")
        .append(n(px))
        .append("\" y1=\"")
        .append(TOP)
        .append("\" y2=\"")
        .append(HEIGHT - BOTTOM)
        .append("\" stroke=\"")
        .append(color)
        .append("\" stroke-opacity=\"0.5\"/>")
        .append("<text x=\"")
        .append(n(px + 3))
        .append("\" y=\"")
        .append(low ? HEIGHT - BOTTOM - 4 : TOP + 10)
        .append("\" font-size=\"10\" fill=\"")
        .append(color)
        .append("\">")
        .append(escape(label))
        .append("</text>");
    return this;
  }

  /** The whole chart, named {@code label} for screen readers, with its axes and {@code unit}. */
  String svg(String label, String unit) {
    StringBuilder out = new StringBuilder();
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(escape(label))
        .append("\" font-family=\"sans-serif\"><title>")
        .append(escape(label))
        .append("</title>");
    for (int i = 0; i <= 4; i++) {
      double v = top * i / 4;
      double py = y(v);
      out.append("<line x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(n(py))
          .append("\" y2=\"")
          .append(n(py))
          .append("\" stroke=\"#d0d4da\"/><text x=\"")
          .append(LEFT - 4)
          .append("\" y=\"")
          .append(n(py + 3))
          .append("\" font-size=\"10\" text-anchor=\"end\" fill=\"#4a5260\">")
          .append(escape(number(v) + unit))
          .append("</text>");
    }
    long span = to - from;
    DateTimeFormatter clock = span < 600_000 ? SECONDS : span < 86_400_000 ? MINUTES : DAYS;
    for (int i = 0; i <= 4; i++) {
      long at = from + span * i / 4;
      out.append("<text x=\"")
          .append(n(x(at)))
          .append("\" y=\"")
          .append(HEIGHT - 8)
          .append("\" font-size=\"10\" text-anchor=\"")
          .append(i == 0 ? "start" : i == 4 ? "end" : "middle")
          .append("\" fill=\"#4a5260\">")
          .append(clock.format(Instant.ofEpochMilli(at)))
          .append("</text>");
    }
    return out.append(body).append("</svg>").toString();
  }

  /** {@code v} as axis labels and tooltips write it: at most four significant digits. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e7) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+(e|$)", "$1");
  }

  private static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
