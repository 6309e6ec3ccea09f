package io.strata.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Fresh data directories and free ports for local lakes under test. */
final class TestLakes {

  private TestLakes() {}

  static Path newDataDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An S3 client of the local lake's S3 server on this port, which takes any credentials. */
  static S3Client s3Client(int s3Port) {
    return S3Client.builder()
        .endpointOverride(URI.create("http://localhost:" + s3Port))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Configuration of a lake on this directory and port, reading the repository's contracts. */
  static Map<String, String> config(Path dataDir, int s3Port) {
    return Map.of(
        "strata.local.data-dir", dataDir.toString(),
        "strata.local.s3-port", Integer.toString(s3Port),
        "strata.contracts.location", "../../datasets",
        "strata.access.location", "../../datasets/access.yaml",
        "strata.reports.location", "../../datasets/reports");
  }
}
