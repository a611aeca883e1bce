package io.rollwright.demo;

import java.io.PrintStream;

/** How a demo ends: it says whether every release ended as it should, and exits 0 if so. */
record DemoEnd(boolean asExpected, String outcomes) {
  /** A demo's releases, run to their end. */
  @FunctionalInterface
  interface Body {
    /** Runs the releases, printing their progress; how they ended. */
    DemoEnd run() throws InterruptedException;
  }

  /** Runs {@code body} and prints how it ended; the demo's exit code. */
  static int of(PrintStream out, Body body) {
    try {
      DemoEnd end = body.run();
      out.println("Demo " + (end.asExpected() ? "complete" : "FAILED") + ": " + end.outcomes());
      return end.asExpected() ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (RuntimeException e) {
      out.println("Demo FAILED: " + e);
      return 1;
    }
  }
}
