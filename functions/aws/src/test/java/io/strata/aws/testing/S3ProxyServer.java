package io.strata.aws.testing;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * An in-process S3-compatible server (s3proxy) on a free loopback port, in memory or backed by a
 * directory, for tests and local runs that need real S3 wire behaviour without AWS or Docker.
 */
public final class S3ProxyServer implements AutoCloseable {

  /** Access key the server accepts. */
  public static final String ACCESS_KEY = "strata-test-access-key";

  /** Secret key the server accepts. */
  public static final String SECRET_KEY = "strata-test-secret-key";

  /** Region clients sign for. */
  public static final Region REGION = Region.US_EAST_1;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final S3Proxy proxy;
  private final URI endpoint;

  private S3ProxyServer(BlobStore blobStore) {
    this.proxy =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .ignoreUnknownHeaders(true)
            .stopTimeout(0)
            .build();
    try {
      proxy.start();
      awaitStarted();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start s3proxy: " + e.getMessage(), e);
    }
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Starts a server that keeps objects in memory; they vanish when it stops. */
  public static S3ProxyServer startTransient() {
    return new S3ProxyServer(new TransientNio2BlobStore());
  }

  /**
   * Starts a server that stores each object as the plain file {@code baseDir/bucket/key}, so other
   * tools (DuckDB, a file browser) can read them directly.
   */
  public static S3ProxyServer startOnDirectory(Path baseDir) {
    Objects.requireNonNull(baseDir, "baseDir");
    try {
      Files.createDirectories(baseDir);
      return new S3ProxyServer(
          new FilesystemNio2BlobStore(baseDir.toRealPath().toAbsolutePath().toString()));
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("Cannot create s3proxy directory " + baseDir, e);
    }
  }

  /** Configuration that points a Quarkus app's S3 client (quarkus-amazon-s3) at this server. */
  public Map<String, String> quarkusS3Config() {
    return Map.of(
        "quarkus.s3.endpoint-override",
        endpoint.toString(),
        "quarkus.s3.path-style-access",
        "true",
        "quarkus.s3.aws.region",
        REGION.id(),
        "quarkus.s3.aws.credentials.type",
        "static",
        "quarkus.s3.aws.credentials.static-provider.access-key-id",
        ACCESS_KEY,
        "quarkus.s3.aws.credentials.static-provider.secret-access-key",
        SECRET_KEY);
  }

  /**
   * Configuration that points Iceberg's S3FileIO, as Strata's catalog builds it, at this server. It
   * pins Iceberg's clients to Apache's HTTP client for the reason {@link #clientBuilder()} gives:
   * on the url-connection client the functions use in AWS, s3proxy's early answers race the request
   * body and fail requests at random ("Unexpected end of file from server"), a fault of the
   * stand-in that S3 itself does not have.
   */
  public Map<String, String> icebergS3Config() {
    return Map.of(
        "strata.catalog.properties.\"http-client.type\"",
        "apache",
        "strata.catalog.properties.\"s3.endpoint\"",
        endpoint.toString(),
        "strata.catalog.properties.\"s3.path-style-access\"",
        "true",
        "strata.catalog.properties.\"s3.access-key-id\"",
        ACCESS_KEY,
        "strata.catalog.properties.\"s3.secret-access-key\"",
        SECRET_KEY,
        "strata.catalog.properties.\"client.region\"",
        REGION.id());
  }

  /** The server's base URI, {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * A client builder already pointed at this server (path-style access, static credentials), for
   * tests that need to adjust it before building. It uses Apache's HTTP client, which waits for
   * {@code 100 Continue} before sending a body: with the url-connection client, s3proxy's early
   * error answers (a missing bucket, a failed condition) race the request body and fail requests at
   * random ("Error writing request body to server").
   */
  public S3ClientBuilder clientBuilder() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClientBuilder(ApacheHttpClient.builder());
  }

  /** A new client for this server; the caller closes it. */
  public S3Client newClient() {
    return clientBuilder().build();
  }

  /** Creates each bucket that does not exist yet. */
  public void createBuckets(String... buckets) {
    try (S3Client s3 = newClient()) {
      for (String bucket : buckets) {
        boolean exists = s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket));
        if (!exists) {
          s3.createBucket(b -> b.bucket(bucket));
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop s3proxy: " + e.getMessage(), e);
    }
  }

  private void awaitStarted() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy did not start within " + START_TIMEOUT);
      }
      Thread.sleep(5);
    }
  }
}
