package io.strata.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InMemoryObjectStoreTest extends ObjectStoreContractTest {

  private InMemoryObjectStore memory;

  @Override
  protected ObjectStore createStore() {
    memory = new InMemoryObjectStore();
    return memory;
  }

  @Test
  void failsTheNthWriteOnly() {
    memory.failNthWrite(2);
    memory.put(bucket, "a", bytes("a"), "text/plain");

    assertThatThrownBy(() -> memory.put(bucket, "b", bytes("b"), "text/plain"))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessage("Cannot write s3://" + bucket + "/b: injected failure");
    memory.put(bucket, "c", bytes("c"), "text/plain");

    assertThat(memory.keys(bucket)).containsExactly("a", "c");
  }

  @Test
  void failsStreamedWritesUnderAPrefixWhenTheyAreCommitted() throws Exception {
    memory.failWritesUnder("history/");
    ObjectWriter writer = memory.create(bucket, "history/x.parquet", "application/octet-stream");
    writer.write(bytes("data"));

    assertThatThrownBy(writer::close)
        .isInstanceOf(ObjectStoreException.class)
        .hasMessage("Cannot write s3://" + bucket + "/history/x.parquet: injected failure");
    assertThat(memory.keys(bucket)).isEmpty();
    assertThat(memory.openWriters()).isZero();
  }

  @Test
  void countsOpenAndAbortedWriters() {
    ObjectWriter first = memory.create(bucket, "a", "text/plain");
    memory.create(bucket, "b", "text/plain");

    first.abort();

    assertThat(memory.openWriters()).isEqualTo(1);
    assertThat(memory.abortedWriters()).isEqualTo(1);
  }

  @Test
  void failsAVersionedReadThatEndsShortOfTheObject() throws Exception {
    memory.put(bucket, "raw.csv", bytes("id,amount\na1,1\n"), "text/csv");
    String eTag = memory.head(bucket, "raw.csv").orElseThrow().eTag();
    memory.cutReadsAfter(10);

    try (InputStream in = memory.open(bucket, "raw.csv", null, eTag)) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IncompleteReadException.class)
          .hasMessage(
              "Cannot read s3://" + bucket + "/raw.csv: the read ended after 10 of 15 bytes");
    }
  }

  @Test
  void usesTheContentMd5AsEntityTag() {
    memory.put(bucket, "a", bytes("hello"), "text/plain");

    assertThat(memory.head(bucket, "a").orElseThrow().eTag())
        .isEqualTo("5d41402abc4b2a76b9719d911017c592");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
