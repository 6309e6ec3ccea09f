package io.strata.bench;

import io.strata.aws.s3.ExpectContinueRemover;
import io.strata.aws.s3.S3ObjectStore;
import io.strata.core.table.JdbcCatalogs;
import io.strata.core.table.ObjectStoreFileIO;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The same ingest through the local lake's wiring, end to end: the in-process s3proxy serves the
 * raw and history buckets over the S3 protocol, the AWS SDK (url-connection client, as in the local
 * lake) reads the raw object and uploads the history files by multipart, and Iceberg's JDBC catalog
 * on an H2 database file commits the snapshot.
 */
final class LakePath implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Path base;
  private final S3Proxy proxy;
  private final S3Client s3;
  private final S3ObjectStore store;

  private LakePath(Path base, S3Proxy proxy, S3Client s3) {
    this.base = base;
    this.proxy = proxy;
    this.s3 = s3;
    this.store = new S3ObjectStore(s3);
  }

  /** Starts s3proxy on a free loopback port over {@code base} and uploads the CSV once. */
  static LakePath start(Path base, Path csv) throws Exception {
    Files.createDirectories(base.resolve(StrataIngest.RAW));
    Files.createDirectories(base.resolve(StrataIngest.HISTORY));
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(base.toRealPath().toString()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.NONE, null, null)
            .stopTimeout(0)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Cannot start s3proxy within " + START_TIMEOUT);
      }
      Thread.sleep(5);
    }
    S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.addExecutionInterceptor(new ExpectContinueRemover()))
            .build();
    LakePath lake = new LakePath(base, proxy, s3);
    if (lake.store.head(StrataIngest.RAW, StrataIngest.KEY).isEmpty()) {
      s3.putObject(
          b -> b.bucket(StrataIngest.RAW).key(StrataIngest.KEY), RequestBody.fromFile(csv));
    }
    return lake;
  }

  /** Ingests the uploaded file into an emptied history bucket and a new catalog. */
  Measurement run(Path datasets, StrataMode mode) throws Exception {
    Trees.empty(base.resolve(StrataIngest.HISTORY));
    Path catalog = base.resolve("catalog");
    Trees.delete(catalog);
    Files.createDirectories(catalog);
    try (JdbcCatalog tables =
        JdbcCatalogs.h2File(
            catalog.resolve("catalog"), StrataIngest.DATABASE, new ObjectStoreFileIO(store))) {
      return StrataIngest.run(store, tables, datasets, mode.encoderThreads);
    }
  }

  @Override
  public void close() throws Exception {
    s3.close();
    proxy.stop();
  }
}
