package io.rollwright.cli;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.client.HttpApiStatusReader;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * What {@code install.sh} runs once to record the classes a command loads (a class-data sharing
 * archive), so later commands start faster: every command's options, a release status read and
 * shown as text and JSON, a call to a Temporal address that refuses it, and a status read through
 * the HTTP API (from a stand-in in this process that answers with the sample). Needs no server and
 * prints nothing.
 */
@Command(name = "startup-training", hidden = true)
final class StartupTraining implements Callable<Integer> {
  private static final String SAMPLE = "/rollwright/startup-training-status.json";

  @Override
  public Integer call() throws IOException {
    StringWriter ignored = new StringWriter();
    CommandLine all = new CommandLine(new RollwrightCli());
    RollwrightCli.commands().forEach(all::addSubcommand);
    all.usage(new PrintWriter(ignored));

    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:9").build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      ReleaseStatus status =
          client
              .getOptions()
              .getDataConverter()
              .fromPayload(sample(), ReleaseStatus.class, ReleaseStatus.class);
      StatusText.of(status).forEach(ignored::write);
      ignored.write(ReleaseCommand.json(status));
      stubs
          .blockingStub()
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace("default")
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(status.releaseId()))
                  .build());
    } catch (RuntimeException refused) {
      // the address refuses every call: the classes of a failed call are what was wanted
    } finally {
      stubs.shutdownNow();
    }
    readThroughHttpApi(ignored);
    return ExitCodes.OK;
  }

  private static void readThroughHttpApi(StringWriter ignored) throws IOException {
    byte[] status;
    try (InputStream in = StartupTraining.class.getResourceAsStream(SAMPLE)) {
      status = in.readAllBytes();
    }
    Base64.Encoder base64 = Base64.getEncoder();
    byte[] answer =
        ("{\"queryResult\":{\"payloads\":[{\"metadata\":{\"encoding\":\""
                + base64.encodeToString("json/plain".getBytes(StandardCharsets.UTF_8))
                + "\"},\"data\":\""
                + base64.encodeToString(status)
                + "\"}]}}")
            .getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              "POST".equals(exchange.getRequestMethod())
                  ? answer
                  : "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      new HttpApiStatusReader(
              URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "default", null)
          .live("training@prod")
          .ifPresent(read -> StatusText.of(read).forEach(ignored::write));
    } catch (RuntimeException e) {
      // training only: what was loaded on the way is what was wanted
    } finally {
      server.stop(0);
    }
  }

  private static Payload sample() throws IOException {
    try (InputStream in = StartupTraining.class.getResourceAsStream(SAMPLE)) {
      return Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFrom("json/plain", StandardCharsets.UTF_8))
          .setData(ByteString.readFrom(in))
          .build();
    }
  }
}
