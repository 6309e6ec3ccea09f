package io.strata.aws.s3;

import io.strata.aws.testing.S3ProxyExtension;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The behaviour every object store shares, checked for S3 against s3proxy. */
class S3ObjectStoreContractTest extends ObjectStoreContractTest {

  @RegisterExtension
  static final S3ProxyExtension S3 = S3ProxyExtension.inMemory().withBuckets("contract-bucket");

  @Override
  protected ObjectStore createStore() {
    return new S3ObjectStore(S3.client(), S3ObjectStore.MIN_PART_SIZE);
  }
}
