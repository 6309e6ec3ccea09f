package io.strata.local;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process S3-compatible server (s3proxy, filesystem-backed): buckets are folders under the
 * data directory, objects plain files, so a file copied there is an object and DuckDB can read
 * history directly. Requests are not authenticated: any credentials work, which is why it listens
 * on the loopback interface by default. Folders whose names are no bucket names (the lake's {@code
 * .strata} state) are neither listed nor served. Started before anything else uses S3.
 */
@ApplicationScoped
public class LocalS3Server {

  private static final Logger LOG = LoggerFactory.getLogger(LocalS3Server.class);

  /** A changed file a listing finds is hashed for its ETag once it held still this long. */
  private static final Duration SETTLE_TIME = Duration.ofMillis(500);

  private final LocalLakeConfig config;
  private S3Proxy proxy;

  public LocalS3Server(LocalLakeConfig config) {
    this.config = config;
  }

  void start(@Observes @Priority(1) StartupEvent event) throws Exception {
    Path dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
    for (String bucket : config.buckets()) {
      createDirectory(dataDir.resolve(bucket));
    }
    URI endpoint = URI.create("http://" + config.s3Host() + ":" + config.s3Port());
    LocalBlobStore store =
        new LocalBlobStore(
            new FilesystemNio2BlobStore(dataDir.toString()),
            dataDir,
            new ContentETags(Clock.systemUTC(), SETTLE_TIME));
    proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(endpoint)
            .awsAuthentication(AuthenticationType.NONE, null, null)
            .build();
    proxy.setBlobStoreLocator(
        (identity, container, blob) ->
            container == null || container.isEmpty() || LocalBlobStore.isBucketName(container)
                ? AccessGrant.anonymous(store)
                : null);
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    LOG.info("Local S3 listening on {} with buckets {} in {}", endpoint, config.buckets(), dataDir);
  }

  void stop(@Observes ShutdownEvent event) throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
  }

  private static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create bucket directory " + dir, e);
    }
  }
}
