package io.strata.aws.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

class S3ProxyServerTest {

  @Test
  void storesObjectsAsPlainFilesUnderTheBaseDirectory(@TempDir Path baseDir) {
    try (S3ProxyServer server = S3ProxyServer.startOnDirectory(baseDir);
        S3Client s3 = server.newClient()) {
      // given
      server.createBuckets("strata-history");

      // when
      s3.putObject(
          b -> b.bucket("strata-history").key("bank_transactions/booking_date=2024-01-15/x.txt"),
          RequestBody.fromString("rows"));

      // then
      assertThat(baseDir.resolve("strata-history/bank_transactions/booking_date=2024-01-15/x.txt"))
          .hasContent("rows");
    }
  }

  @Test
  void listensOnLoopbackOnly() {
    try (S3ProxyServer server = S3ProxyServer.startTransient()) {
      assertThat(server.endpoint().getScheme()).isEqualTo("http");
      assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(server.endpoint().getPort()).isPositive();
    }
  }

  @Test
  void createBucketsSkipsBucketsThatExist() {
    try (S3ProxyServer server = S3ProxyServer.startTransient();
        S3Client s3 = server.newClient()) {
      // when
      server.createBuckets("strata-raw");
      server.createBuckets("strata-raw", "strata-history");

      // then
      assertThat(s3.listBuckets().buckets())
          .extracting(Bucket::name)
          .containsExactly("strata-history", "strata-raw");
    }
  }
}
