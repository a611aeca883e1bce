package io.rollwright.worker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local stand-in for Slack's Socket Mode endpoint: the app connects to it (the URL the fake Web
 * API's {@code apps.connections.open} hands out), receives the envelopes a test sends, and its acks
 * are recorded.
 */
public final class FakeSlackSocket implements AutoCloseable {
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch connected = new CountDownLatch(1);
  private final CountDownLatch listening = new CountDownLatch(1);
  private volatile WebSocket app;
  private final WebSocketServer server;

  public FakeSlackSocket() throws InterruptedException {
    server =
        new WebSocketServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)) {
          @Override
          public void onOpen(WebSocket conn, ClientHandshake handshake) {
            app = conn;
            conn.send(
                "{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"},\"connection_info\":{\"app_id\":\"A0ROLL\"}}");
            connected.countDown();
          }

          @Override
          public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

          @Override
          public void onMessage(WebSocket conn, String message) {
            received.add(message);
          }

          @Override
          public void onError(WebSocket conn, Exception ex) {}

          /** Called once the server socket is bound: only then is its port known. */
          @Override
          public void onStart() {
            listening.countDown();
          }
        };
    server.setReuseAddr(true);
    server.start();
    if (!listening.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the Socket Mode stand-in did not start listening in 60 s");
    }
  }

  public String url() {
    return "ws://127.0.0.1:" + server.getPort() + "/link";
  }

  /** Waits for the app to connect. */
  public boolean awaitConnected(long seconds) throws InterruptedException {
    return connected.await(seconds, TimeUnit.SECONDS);
  }

  /** Sends an {@code interactive} envelope carrying {@code payload} (JSON) to the connected app. */
  public void sendInteractive(String envelopeId, String payload) {
    app.send(
        "{\"envelope_id\":\""
            + envelopeId
            + "\",\"type\":\"interactive\",\"accepts_response_payload\":false,\"payload\":"
            + payload
            + "}");
  }

  /** What the app sent back: its acknowledgements. */
  public List<String> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() throws InterruptedException {
    server.stop(1000);
  }
}
