package io.rollwright.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a worker process uses, read from outside: its heap after a full collection ({@code jcmd})
 * and its Prometheus metrics.
 */
final class WorkerProbe {
  private WorkerProbe() {}

  /** The worker's heap in use after a full collection, read with {@code jcmd}. */
  static long heapAfterGcMiB(long pid) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    run(jcmd, String.valueOf(pid), "GC.run");
    String info = run(jcmd, String.valueOf(pid), "GC.heap_info");
    Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
    if (!used.find()) {
      throw new IllegalStateException("no heap figure in: " + info);
    }
    return Long.parseLong(used.group(1)) / 1024;
  }

  /**
   * A value from the worker's {@code /actuator/prometheus}: of the first sample of metric {@code
   * name} whose labels contain {@code label} (empty: any).
   */
  static double metric(AppProcess worker, String name, String label) throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + worker.port() + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    for (String line : body.split("\n", -1)) {
      boolean named = line.startsWith(name + " ") || line.startsWith(name + "{");
      if (named && line.substring(name.length(), line.lastIndexOf(' ')).contains(label)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new IllegalStateException("no " + name + " " + label + " in the worker's metrics");
  }

  private static String run(String... cmd) throws Exception {
    Path out = Files.createTempFile("jcmd", ".out");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    p.waitFor(1, TimeUnit.MINUTES);
    return Files.readString(out);
  }
}
