package io.strata.aws.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of an HTTP server that, when armed, lets the next request reach the server
 * and then resets the client's connection instead of passing on the server's answer: what a client
 * sees when a network drops an answer after the server acted on the request. Interim {@code 100
 * Continue} answers pass, so the request's body is sent and acted on.
 */
public final class LostAnswerRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final InetSocketAddress upstream;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicInteger dropped = new AtomicInteger();

  public LostAnswerRelay(URI upstream) throws IOException {
    this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accepting = new Thread(this::accept, "lost-answer-relay");
    accepting.setDaemon(true);
    accepting.start();
  }

  /** The relay's address, to point a client at. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Drops the next final answer that comes back from the server. */
  public void loseNextAnswer() {
    armed.set(true);
  }

  /** How many answers were dropped so far. */
  public int dropped() {
    return dropped.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(upstream.getAddress(), upstream.getPort());
        start(() -> pump(client, server, false));
        start(() -> pump(server, client, true));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Socket from, Socket to, boolean answers) {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (answers && !isInterim(buffer, read) && armed.compareAndSet(true, false)) {
          dropped.incrementAndGet();
          to.setSoLinger(true, 0);
          to.close();
          from.close();
          return;
        }
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // one side went away: close both below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static boolean isInterim(byte[] buffer, int length) {
    return new String(buffer, 0, Math.min(length, 12), StandardCharsets.US_ASCII)
        .startsWith("HTTP/1.1 100");
  }

  private static void start(Runnable task) {
    Thread thread = new Thread(task, "lost-answer-relay-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
