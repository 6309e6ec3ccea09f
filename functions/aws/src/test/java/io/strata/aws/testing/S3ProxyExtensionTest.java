package io.strata.aws.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Bucket;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3ProxyExtensionTest {

  @RegisterExtension
  final S3ProxyExtension s3 =
      S3ProxyExtension.inMemory().withBuckets("strata-raw", "strata-history");

  @Test
  @Order(1)
  void startsWithTheRequestedBuckets() {
    assertThat(s3.client().listBuckets().buckets())
        .extracting(Bucket::name)
        .containsExactly("strata-history", "strata-raw");
  }

  @Test
  @Order(2)
  void instanceRegistrationGivesEachTestAFreshServer() {
    // given an object written in this test
    s3.client().putObject(b -> b.bucket("strata-raw").key("a.csv"), RequestBody.fromString("x"));

    // then only that object exists: nothing leaks in from other tests
    assertThat(s3.client().listObjectsV2(b -> b.bucket("strata-raw")).contents()).hasSize(1);
  }

  @Test
  @Order(3)
  void instanceRegistrationStartsEmptyAgain() {
    assertThat(s3.client().listObjectsV2(b -> b.bucket("strata-raw")).contents()).isEmpty();
  }
}
