package io.rollwright.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's {@code postgresql} package) on a free loopback port, its data
 * in a fresh folder, ready once a JDBC connection succeeds, and stopped by its own PID. PostgreSQL
 * refuses to run as root: as root, {@code initdb} and {@code postgres} run as the package's {@code
 * postgres} user, on data in a folder of their own under {@code /tmp}.
 */
final class PostgresServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path ownHome;

  private PostgresServer(Process process, int port, Path ownHome) {
    this.process = process;
    this.port = port;
    this.ownHome = ownHome;
  }

  /** Initialises a cluster in {@code dir} and starts it; user {@code rollwright}, no password. */
  static PostgresServer start(Path dir) throws Exception {
    Path bin = binaries();
    Files.createDirectories(dir);
    boolean root = "root".equals(System.getProperty("user.name"));
    Path home = root ? Files.createTempDirectory(Path.of("/tmp"), "rollwright-postgres-") : dir;
    Path data = home.resolve("data");
    if (root) {
      run(List.of("chown", "postgres:postgres", home.toString()), dir.resolve("chown.log"));
    }
    run(
        as(
            root,
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "rollwright",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync"),
        dir.resolve("initdb.log"));
    int port = TemporalDevServer.freePort();
    Path log = dir.resolve("postgres.log");
    Process process =
        new ProcessBuilder(
                as(
                    root,
                    bin.resolve("postgres").toString(),
                    "-D",
                    data.toString(),
                    "-p",
                    String.valueOf(port),
                    "-k",
                    home.toString(),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "fsync=off",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    PostgresServer server = new PostgresServer(process, port, root ? home : null);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
        return server;
      } catch (SQLException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          LocalServer.stop(process);
          throw new IllegalStateException(
              "PostgreSQL did not become ready (see " + log + "): " + notYet.getMessage());
        }
        Thread.sleep(200);
      }
    }
  }

  /**
   * Where {@code initdb} and {@code postgres} are: on the PATH, else Debian's {@code
   * /usr/lib/postgresql/<version>/bin}, the newest version.
   */
  private static Path binaries() throws IOException {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
      Path initdb = Path.of(entry, "initdb");
      if (!entry.isEmpty() && Files.isExecutable(initdb)) {
        return initdb.toRealPath().getParent();
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Path newest =
            versions
                .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                .max(Comparator.comparing(v -> Integer.parseInt(v.getFileName().toString())))
                .orElse(null);
        if (newest != null) {
          return newest.resolve("bin");
        }
      }
    }
    return Path.of(LocalServer.binary("apt-get install postgresql", "initdb")).getParent();
  }

  /** The command run as the {@code postgres} user when {@code root}, else as it is. */
  private static List<String> as(boolean root, String... command) {
    List<String> all = new ArrayList<>();
    if (root) {
      all.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
    }
    all.addAll(List.of(command));
    return all;
  }

  private static void run(List<String> command, Path log) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed: " + Files.readString(log));
    }
  }

  /** The {@code postgres} database as a {@code postgres://} URL, as user {@code rollwright}. */
  String url() {
    return "postgres://rollwright@127.0.0.1:" + port + "/postgres";
  }

  /** The {@code postgres} database, as user {@code rollwright}. */
  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=rollwright";
  }

  int port() {
    return port;
  }

  /**
   * Stops the server it started, by its PID (a smart shutdown first, then forced), and deletes the
   * data folder it made under {@code /tmp}.
   */
  @Override
  public void close() throws Exception {
    LocalServer.stop(process);
    if (ownHome != null) {
      try (Stream<Path> files = Files.walk(ownHome)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }
}
