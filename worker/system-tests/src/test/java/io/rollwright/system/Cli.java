package io.rollwright.system;

import io.rollwright.cli.RollwrightCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code rollwright} command line run in-process against the real dev server: its exit code and
 * what it printed.
 */
record Cli(int code, String out, String err) {
  static Cli run(TemporalDevServer server, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (server != null) {
      all.add("--address=" + server.address());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        RollwrightCli.run(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(new String[0]));
    return new Cli(code, out.toString(), err.toString());
  }

  static CompletableFuture<Cli> inBackground(TemporalDevServer server, String... args) {
    return CompletableFuture.supplyAsync(() -> run(server, args));
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }
}
