package io.rollwright.cli;

import io.rollwright.api.WebUi;
import io.rollwright.client.HttpApiStatusReader;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How to reach Temporal (and its Web UI): flags, else environment, else the config file (see {@link
 * CliDefaults}).
 */
public final class TemporalOptions {
  @Option(
      names = "--address",
      defaultValue = "127.0.0.1:7233",
      description = "Temporal frontend host:port (TEMPORAL_ADDRESS). Default: ${DEFAULT-VALUE}")
  String address;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Temporal namespace (TEMPORAL_NAMESPACE). Default: ${DEFAULT-VALUE}")
  String namespace;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "mTLS client certificate (TEMPORAL_TLS_CERT)")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "mTLS client key, PKCS#8 (TEMPORAL_TLS_KEY)")
  Path tlsKey;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "Temporal Cloud API key, TLS on (TEMPORAL_API_KEY)")
  String apiKey;

  @Option(
      names = "--http-api",
      paramLabel = "URL",
      description =
          "the Temporal frontend's HTTP API, e.g. http://temporal.example:7243: status reads through"
              + " it and answers much sooner (ROLLWRIGHT_HTTP_API)")
  URI httpApi;

  @Option(
      names = "--ui",
      paramLabel = "URL",
      defaultValue = "http://localhost:8233",
      description = "Temporal Web UI base URL for links (ROLLWRIGHT_UI). Default: ${DEFAULT-VALUE}")
  String ui;

  private WorkflowServiceStubs stubs;
  private WorkflowClient client;
  private String certified;

  /**
   * A client of the configured namespace, connected (or {@link TemporalUnavailableException} within
   * 5 seconds).
   */
  public WorkflowClient client() {
    if (client == null) {
      WorkflowServiceStubsOptions.Builder options =
          WorkflowServiceStubsOptions.newBuilder().setTarget(address);
      if ((tlsCert == null) != (tlsKey == null)) {
        throw new IllegalArgumentException(
            "--tls-cert and --tls-key go together: give both or neither");
      }
      if (tlsCert != null) {
        try (InputStream cert = Files.newInputStream(tlsCert);
            InputStream key = Files.newInputStream(tlsKey)) {
          options.setSslContext(SimpleSslContextBuilder.forPKCS8(cert, key).build());
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "cannot read the TLS certificate or key: " + e.getMessage(), e);
        }
      }
      if (apiKey != null && !apiKey.isBlank()) {
        options.addApiKey(() -> apiKey).setEnableHttps(tlsCert == null);
      }
      try {
        stubs =
            WorkflowServiceStubs.newConnectedServiceStubs(options.build(), Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        throw new TemporalUnavailableException(this, e);
      }
      WorkflowClientOptions.Builder clientOptions =
          WorkflowClientOptions.newBuilder().setNamespace(namespace);
      if (certifiedIdentity() != null) {
        clientOptions.setIdentity(certifiedIdentity());
      }
      client = WorkflowClient.newInstance(stubs, clientOptions.build());
    }
    return client;
  }

  /**
   * The identity the configured TLS client certificate vouches for (its subject's CN), or null
   * without one. Temporal records it as the client identity of everything this CLI sends.
   */
  public String certifiedIdentity() {
    if (tlsCert == null) {
      return null;
    }
    if (certified == null) {
      certified = ClientCertificate.commonName(tlsCert);
    }
    return certified;
  }

  /**
   * A reader of live status through the HTTP API, or null when none is configured.
   *
   * @throws IllegalArgumentException when the address is not an HTTP URL, or with an mTLS client
   *     certificate, which only the gRPC connection presents
   */
  public HttpApiStatusReader httpApi() {
    if (httpApi == null) {
      return null;
    }
    if (tlsCert != null || tlsKey != null) {
      throw new IllegalArgumentException(
          "--http-api does not present the --tls-cert client certificate: leave --http-api out to"
              + " read through gRPC");
    }
    return new HttpApiStatusReader(httpApi, namespace, apiKey);
  }

  /** Where the Web UI shows this run of the release. */
  public String link(String releaseId, String runId) {
    return WebUi.link(ui, namespace, releaseId, runId);
  }

  String where() {
    return address + " (namespace " + namespace + ")";
  }

  void close() {
    if (stubs != null) {
      stubs.shutdownNow();
      stubs = null;
      client = null;
    }
  }
}
