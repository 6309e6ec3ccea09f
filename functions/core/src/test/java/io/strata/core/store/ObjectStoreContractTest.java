package io.strata.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link ObjectStore} must show, run against each implementation by subclassing.
 * Each test works below its own random key prefix, so implementations may share one bucket between
 * tests (as an S3 stand-in does).
 */
public abstract class ObjectStoreContractTest {

  private static final String TEXT = "text/plain";

  protected ObjectStore store;
  protected String bucket;
  protected String prefix;

  /** The store under test, fresh or shared; the bucket {@link #bucket()} must exist in it. */
  protected abstract ObjectStore createStore() throws Exception;

  /** The bucket the tests write to. */
  protected String bucket() {
    return "contract-bucket";
  }

  @BeforeEach
  void setUpStore() throws Exception {
    store = createStore();
    bucket = bucket();
    prefix = "t-" + UUID.randomUUID() + "/";
  }

  @Test
  void returnsTheBytesThatWerePut() throws IOException {
    store.put(bucket, prefix + "a.txt", bytes("hello"), TEXT);

    assertThat(read(prefix + "a.txt")).isEqualTo("hello");
  }

  @Test
  void replacesAnObjectOnPut() throws IOException {
    store.put(bucket, prefix + "a.txt", bytes("first"), TEXT);

    store.put(bucket, prefix + "a.txt", bytes("second"), TEXT);

    assertThat(read(prefix + "a.txt")).isEqualTo("second");
  }

  @Test
  void opensTheVersionAnEventNamedWhileItsETagStillMatches() throws IOException {
    store.put(bucket, prefix + "raw.csv", bytes("first"), TEXT);
    String eTag = store.head(bucket, prefix + "raw.csv").orElseThrow().eTag();

    try (InputStream in = store.open(bucket, prefix + "raw.csv", null, eTag)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first");
    }
  }

  @Test
  void opensExactlyTheBytesOfARangeOfTheVersionAnEventNamed() throws IOException {
    store.put(bucket, prefix + "big.csv", bytes("header\nline one\nline two\n"), TEXT);
    String eTag = store.head(bucket, prefix + "big.csv").orElseThrow().eTag();

    try (InputStream middle = store.openRange(bucket, prefix + "big.csv", null, eTag, 7, 16);
        InputStream empty = store.openRange(bucket, prefix + "big.csv", null, eTag, 16, 16);
        InputStream tail = store.openRange(bucket, prefix + "big.csv", null, eTag, 16, 25)) {
      assertThat(new String(middle.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("line one\n");
      assertThat(empty.readAllBytes()).isEmpty();
      assertThat(new String(tail.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("line two\n");
    }
  }

  @Test
  void refusesARangeOfAnObjectReplacedSinceItsEventOrEndingPastIt() {
    store.put(bucket, prefix + "big.csv", bytes("first"), TEXT);
    String eTag = store.head(bucket, prefix + "big.csv").orElseThrow().eTag();

    assertThatThrownBy(
            () -> {
              try (InputStream past =
                  store.openRange(bucket, prefix + "big.csv", null, eTag, 2, 9)) {
                past.readAllBytes();
              }
            })
        .as("a range past the end is a short read, never fewer bytes in silence")
        .isInstanceOf(ObjectStoreException.class);
    store.put(bucket, prefix + "big.csv", bytes("second, longer"), TEXT);
    assertThatThrownBy(() -> store.openRange(bucket, prefix + "big.csv", null, eTag, 0, 3).close())
        .isInstanceOf(ObjectChangedException.class);
  }

  @Test
  void refusesToOpenAnObjectReplacedSinceItsEvent() {
    store.put(bucket, prefix + "raw.csv", bytes("first"), TEXT);
    String eTag = store.head(bucket, prefix + "raw.csv").orElseThrow().eTag();
    store.put(bucket, prefix + "raw.csv", bytes("second, longer"), TEXT);

    assertThatThrownBy(() -> store.open(bucket, prefix + "raw.csv", null, eTag).close())
        .isInstanceOf(ObjectChangedException.class)
        .hasMessage(
            "Cannot read s3://"
                + bucket
                + "/"
                + prefix
                + "raw.csv: it changed since the event (expected ETag "
                + eTag
                + ")");
  }

  @Test
  void failsAVersionedReadWhoseObjectIsReplacedBeforeTheReadEnds() throws IOException {
    store.put(bucket, prefix + "raw.csv", bytes("first version"), TEXT);
    String eTag = store.head(bucket, prefix + "raw.csv").orElseThrow().eTag();

    try (InputStream in = store.open(bucket, prefix + "raw.csv", null, eTag)) {
      assertThat(in.read()).isEqualTo('f');
      store.put(bucket, prefix + "raw.csv", bytes("second version, longer"), TEXT);

      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IncompleteReadException.class)
          .hasMessage(
              "Cannot read s3://"
                  + bucket
                  + "/"
                  + prefix
                  + "raw.csv: it changed while it was read");
    }
  }

  @Test
  void failsAVersionedReadWhoseObjectIsDeletedBeforeTheReadEnds() throws IOException {
    store.put(bucket, prefix + "raw.csv", bytes("first version"), TEXT);
    String eTag = store.head(bucket, prefix + "raw.csv").orElseThrow().eTag();

    try (InputStream in = store.open(bucket, prefix + "raw.csv", null, eTag)) {
      assertThat(in.read()).isEqualTo('f');
      store.delete(bucket, prefix + "raw.csv");

      assertThatThrownBy(in::readAllBytes).isInstanceOf(IncompleteReadException.class);
    }
  }

  @Test
  void copiesTheVersionAnEventNamedAndRefusesAReplacedOne() throws IOException {
    store.put(bucket, prefix + "raw.csv", bytes("first"), TEXT);
    String first = store.head(bucket, prefix + "raw.csv").orElseThrow().eTag();

    store.copy(bucket, prefix + "raw.csv", null, first, bucket, prefix + "copy-1.csv");
    store.put(bucket, prefix + "raw.csv", bytes("second, longer"), TEXT);

    assertThat(read(prefix + "copy-1.csv")).isEqualTo("first");
    assertThatThrownBy(
            () ->
                store.copy(bucket, prefix + "raw.csv", null, first, bucket, prefix + "copy-2.csv"))
        .isInstanceOf(ObjectChangedException.class)
        .hasMessageEndingWith("raw.csv: it changed since the event (expected ETag " + first + ")");
    assertThat(store.head(bucket, prefix + "copy-2.csv")).isEmpty();
  }

  @Test
  void putIfAbsentCreatesOnlyTheFirstTime() throws IOException {
    boolean first = store.putIfAbsent(bucket, prefix + "m.json", bytes("one"), TEXT);
    boolean second = store.putIfAbsent(bucket, prefix + "m.json", bytes("two"), TEXT);

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(read(prefix + "m.json")).isEqualTo("one");
  }

  @Test
  void letsExactlyOneOfManyConcurrentPutIfAbsentCallsWin() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < writers; i++) {
        byte[] content = bytes("writer " + i);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.putIfAbsent(bucket, prefix + "manifest.json", content, TEXT);
                }));
      }
      start.countDown();
      List<Boolean> created = new ArrayList<>();
      for (Future<Boolean> result : results) {
        created.add(result.get(30, TimeUnit.SECONDS));
      }

      assertThat(created).containsOnlyOnce(true).hasSize(writers);
      int winner = created.indexOf(true);
      assertThat(read(prefix + "manifest.json")).isEqualTo("writer " + winner);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void makesAStreamedObjectVisibleOnlyWhenClosed() throws IOException {
    ObjectWriter writer = store.create(bucket, prefix + "big.bin", "application/octet-stream");
    writer.write(bytes("part one, "));
    writer.write(bytes("part two"));

    assertThat(store.head(bucket, prefix + "big.bin")).isEmpty();
    assertThat(store.list(bucket, prefix)).isEmpty();
    assertThat(writer.bytesWritten()).isEqualTo(18);

    writer.close();

    assertThat(read(prefix + "big.bin")).isEqualTo("part one, part two");
    assertThat(store.head(bucket, prefix + "big.bin").orElseThrow().size()).isEqualTo(18);
  }

  @Test
  void streamsAnObjectLargerThanAMultipartPart() throws IOException {
    byte[] content = new byte[12 * 1024 * 1024 + 17];
    new Random(42).nextBytes(content);
    try (ObjectWriter writer =
        store.create(bucket, prefix + "large.bin", "application/octet-stream")) {
      for (int offset = 0; offset < content.length; offset += 100_000) {
        writer.write(content, offset, Math.min(100_000, content.length - offset));
      }
    }

    try (InputStream in = store.open(bucket, prefix + "large.bin")) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void leavesNothingWhenAStreamedWriteIsAborted() throws IOException {
    ObjectWriter writer = store.create(bucket, prefix + "gone.bin", "application/octet-stream");
    writer.write(bytes("partial"));

    writer.abort();
    writer.abort();
    writer.close();

    assertThat(store.head(bucket, prefix + "gone.bin")).isEmpty();
    assertThat(store.list(bucket, prefix)).isEmpty();
  }

  @Test
  void listsKeysUnderThePrefixInKeyOrder() {
    for (String key : List.of("b/2.txt", "a/z.txt", "a-b.txt", "a/b/c.txt", "b/10.txt", "ab")) {
      store.put(bucket, prefix + key, bytes(key), TEXT);
    }
    store.put(bucket, "other-" + prefix + "x.txt", bytes("x"), TEXT);

    List<String> all = keys(store.list(bucket, prefix));
    List<String> underA = keys(store.list(bucket, prefix + "a/"));
    List<String> startingWithA = keys(store.list(bucket, prefix + "a"));

    assertThat(all).containsExactly("a-b.txt", "a/b/c.txt", "a/z.txt", "ab", "b/10.txt", "b/2.txt");
    assertThat(underA).containsExactly("a/b/c.txt", "a/z.txt");
    assertThat(startingWithA).containsExactly("a-b.txt", "a/b/c.txt", "a/z.txt", "ab");
  }

  @Test
  void listsNothingUnderAnUnknownPrefix() {
    store.put(bucket, prefix + "a.txt", bytes("a"), TEXT);

    assertThat(store.list(bucket, prefix + "nothing/here/")).isEmpty();
  }

  @Test
  void reportsSizeAndMetadataOfListedObjects() {
    store.put(bucket, prefix + "a.txt", bytes("12345"), TEXT);

    ObjectInfo listed = store.list(bucket, prefix).get(0);

    assertThat(listed.bucket()).isEqualTo(bucket);
    assertThat(listed.key()).isEqualTo(prefix + "a.txt");
    assertThat(listed.size()).isEqualTo(5);
    assertThat(listed.lastModified()).isNotNull();
  }

  @Test
  void copiesAnObject() throws IOException {
    store.put(bucket, prefix + "src.txt", bytes("payload"), TEXT);

    store.copy(bucket, prefix + "src.txt", bucket, prefix + "copy/dst.txt");

    assertThat(read(prefix + "copy/dst.txt")).isEqualTo("payload");
    assertThat(read(prefix + "src.txt")).isEqualTo("payload");
  }

  @Test
  void refusesToCopyAMissingObject() {
    assertThatThrownBy(() -> store.copy(bucket, prefix + "missing", bucket, prefix + "dst"))
        .isInstanceOf(ObjectNotFoundException.class);
    assertThat(store.head(bucket, prefix + "dst")).isEmpty();
  }

  @Test
  void deletesAnObject() {
    store.put(bucket, prefix + "a.txt", bytes("a"), TEXT);

    store.delete(bucket, prefix + "a.txt");

    assertThat(store.head(bucket, prefix + "a.txt")).isEmpty();
    assertThat(store.list(bucket, prefix)).isEmpty();
  }

  @Test
  void deletingAMissingObjectSucceeds() {
    store.delete(bucket, prefix + "never-written.txt");

    assertThat(store.head(bucket, prefix + "never-written.txt")).isEmpty();
  }

  @Test
  void headOfAMissingObjectIsEmpty() {
    assertThat(store.head(bucket, prefix + "missing.txt")).isEmpty();
  }

  @Test
  void headReportsSizeAndAnEntityTag() {
    store.put(bucket, prefix + "a.txt", bytes("hello"), TEXT);

    ObjectInfo info = store.head(bucket, prefix + "a.txt").orElseThrow();

    assertThat(info.bucket()).isEqualTo(bucket);
    assertThat(info.key()).isEqualTo(prefix + "a.txt");
    assertThat(info.size()).isEqualTo(5);
    assertThat(info.eTag()).isNotBlank().doesNotContain("\"");
    assertThat(info.lastModified()).isNotNull();
  }

  @Test
  void entityTagChangesWhenTheContentChanges() {
    store.put(bucket, prefix + "a.txt", bytes("one"), TEXT);
    String before = store.head(bucket, prefix + "a.txt").orElseThrow().eTag();

    store.put(bucket, prefix + "a.txt", bytes("two"), TEXT);

    assertThat(store.head(bucket, prefix + "a.txt").orElseThrow().eTag()).isNotEqualTo(before);
  }

  @Test
  void openingAMissingObjectThrowsNotFound() {
    assertThatThrownBy(() -> store.open(bucket, prefix + "missing.txt"))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("Cannot read s3://" + bucket + "/" + prefix + "missing.txt: no such object");
  }

  private String read(String key) throws IOException {
    try (InputStream in = store.open(bucket, key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private List<String> keys(List<ObjectInfo> infos) {
    return infos.stream().map(i -> i.key().substring(prefix.length())).toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
