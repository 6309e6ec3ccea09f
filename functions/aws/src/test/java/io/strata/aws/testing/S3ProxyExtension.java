package io.strata.aws.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * JUnit 5 extension that runs an {@link S3ProxyServer} for a test class (registered on a static
 * field) or for each test (registered on an instance field), creates the given buckets and hands
 * out clients.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final S3ProxyExtension S3 = S3ProxyExtension.inMemory().withBuckets("strata-raw");
 * }</pre>
 */
public final class S3ProxyExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final Supplier<S3ProxyServer> starter;
  private final List<String> buckets;
  private S3ProxyServer server;
  private S3Client client;
  private boolean startedForClass;

  private S3ProxyExtension(Supplier<S3ProxyServer> starter, List<String> buckets) {
    this.starter = starter;
    this.buckets = List.copyOf(buckets);
  }

  /** A server that keeps objects in memory. */
  public static S3ProxyExtension inMemory() {
    return new S3ProxyExtension(S3ProxyServer::startTransient, List.of());
  }

  /** A server that stores objects as plain files under the directory. */
  public static S3ProxyExtension onDirectory(Path baseDir) {
    Objects.requireNonNull(baseDir, "baseDir");
    return new S3ProxyExtension(() -> S3ProxyServer.startOnDirectory(baseDir), List.of());
  }

  /** Also creates these buckets when the server starts. */
  public S3ProxyExtension withBuckets(String... names) {
    return new S3ProxyExtension(starter, List.of(names));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
    startedForClass = true;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!startedForClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!startedForClass) {
      stop();
    }
  }

  /** The running server. */
  public S3ProxyServer server() {
    if (server == null) {
      throw new IllegalStateException("s3proxy is not running");
    }
    return server;
  }

  /** The server's base URI. */
  public URI endpoint() {
    return server().endpoint();
  }

  /** A client shared by the tests; the extension closes it. */
  public S3Client client() {
    server();
    return client;
  }

  /** A new client the caller closes. */
  public S3Client newClient() {
    return server().newClient();
  }

  /** A client builder pointed at the server, to adjust before building. */
  public S3ClientBuilder clientBuilder() {
    return server().clientBuilder();
  }

  /** Creates more buckets. */
  public void createBuckets(String... names) {
    server().createBuckets(names);
  }

  private void start() {
    server = starter.get();
    client = server.newClient();
    server.createBuckets(buckets.toArray(String[]::new));
  }

  private void stop() {
    try {
      if (client != null) {
        client.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
      client = null;
      server = null;
    }
  }
}
