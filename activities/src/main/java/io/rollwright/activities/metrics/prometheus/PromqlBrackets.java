package io.rollwright.activities.metrics.prometheus;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether a PromQL text closes what it opens: parentheses, brackets, braces and string quotes.
 * Brackets inside a string (a regular expression such as {@code "5.{2}"}) do not count.
 */
final class PromqlBrackets {
  private PromqlBrackets() {}

  /** What is left open or closed out of turn, said for a person; null when all is closed. */
  static String unclosed(String promql) {
    Deque<Character> open = new ArrayDeque<>();
    char quote = 0;
    for (int i = 0; i < promql.length(); i++) {
      char c = promql.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote != '`') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '"', '\'', '`' -> quote = c;
        case '(', '[', '{' -> open.push(c);
        case ')', ']', '}' -> {
          if (open.isEmpty()) {
            return "'" + c + "' at character " + (i + 1) + " closes nothing open";
          }
          char opened = open.pop();
          if (c != closing(opened)) {
            return "'" + c + "' at character " + (i + 1) + " does not close the '" + opened + "'";
          }
        }
        default -> {}
      }
    }
    if (quote != 0) {
      return "a string opened with " + quote + " is never closed";
    }
    return open.isEmpty() ? null : "'" + open.peek() + "' is never closed";
  }

  private static char closing(char opening) {
    return switch (opening) {
      case '(' -> ')';
      case '[' -> ']';
      default -> '}';
    };
  }
}
