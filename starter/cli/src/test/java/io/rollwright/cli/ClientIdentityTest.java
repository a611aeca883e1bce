package io.rollwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a TLS client certificate configured, the CLI acts as the certificate's CN: naming anyone
 * else with {@code --as} or {@code --requested-by} is refused before anything is sent.
 */
class ClientIdentityTest {
  @TempDir static Path dir;
  private static Path cert;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void aCertificateForAlice() throws Exception {
    Path store = dir.resolve("alice.p12");
    cert = dir.resolve("alice.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "alice",
        "-keyalg",
        "EC",
        "-dname",
        "CN=alice,O=Example",
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "alice",
        "-file",
        cert.toString(),
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit");
  }

  private static void keytool(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
  }

  private int run(String... args) {
    return RollwrightCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void theCertificateNamesWhoActs() {
    assertEquals("alice", ClientCertificate.commonName(cert));
  }

  @Test
  void actingAsSomeoneElseIsRefused() {
    // nothing listens on port 9: had the CLI tried to send, it would exit 5 (Temporal unreachable)
    int code =
        run(
            "abort",
            "checkout@prod",
            "--as",
            "bob",
            "--reason",
            "r",
            "--tls-cert",
            cert.toString(),
            "--tls-key",
            cert.toString(),
            "--address",
            "127.0.0.1:9");
    assertEquals(1, code, err.toString());
    assertTrue(
        err.toString()
            .contains(
                "--as bob is not who your TLS client certificate says you are (alice); leave --as out"),
        err.toString());
  }

  @Test
  void requestingForSomeoneElseIsRefused() {
    int code =
        run(
            "start",
            "checkout",
            "2.3.0",
            "--image",
            "registry.example/checkout:2.3.0",
            "--env",
            "prod",
            "--requested-by",
            "bob",
            "--tls-cert",
            cert.toString(),
            "--tls-key",
            cert.toString(),
            "--address",
            "127.0.0.1:9");
    assertEquals(1, code, err.toString());
    assertTrue(
        err.toString()
            .contains(
                "--requested-by bob is not who your TLS client certificate says you are (alice)"),
        err.toString());
  }

  @Test
  void withoutAsTheCertificatesNameIsUsed() {
    // the certificate doubles as a (wrong) key: the CLI gets past the identity check to reading the
    // key
    run(
        "abort",
        "checkout@prod",
        "--reason",
        "r",
        "--tls-cert",
        cert.toString(),
        "--tls-key",
        cert.toString(),
        "--address",
        "127.0.0.1:9");
    assertTrue(
        err.toString().contains("valid private key") && !err.toString().contains("says you are"),
        err.toString());
  }
}
