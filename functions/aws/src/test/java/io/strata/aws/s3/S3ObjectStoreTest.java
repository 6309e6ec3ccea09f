package io.strata.aws.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.aws.testing.LostAnswerRelay;
import io.strata.aws.testing.S3ProxyExtension;
import io.strata.aws.testing.S3ProxyServer;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectNotFoundException;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.store.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ObjectStoreTest {

  private static final String BUCKET = "strata-test";
  private static final String MISSING_BUCKET = "no-such-bucket";
  private static final int MIB = 1024 * 1024;

  @RegisterExtension
  static final S3ProxyExtension S3 = S3ProxyExtension.inMemory().withBuckets(BUCKET);

  private final S3ObjectStore store = new S3ObjectStore(S3.client(), S3ObjectStore.MIN_PART_SIZE);

  @Test
  void opensTheBytesThatWerePut() throws IOException {
    // given
    store.put(BUCKET, "open/data.csv", "a,b\n1,2\n".getBytes(UTF_8), "text/csv");

    // when
    byte[] read;
    try (InputStream in = store.open(BUCKET, "open/data.csv")) {
      read = in.readAllBytes();
    }

    // then
    assertThat(new String(read, UTF_8)).isEqualTo("a,b\n1,2\n");
  }

  @Test
  void openOfMissingKeyThrowsObjectNotFound() {
    assertThatThrownBy(() -> store.open(BUCKET, "open/missing.csv"))
        .isExactlyInstanceOf(ObjectNotFoundException.class)
        .hasMessage("Cannot read s3://strata-test/open/missing.csv: no such object");
  }

  @Test
  void openInMissingBucketThrowsObjectNotFound() {
    assertThatThrownBy(() -> store.open(MISSING_BUCKET, "a.csv"))
        .isExactlyInstanceOf(ObjectNotFoundException.class)
        .hasMessage("Cannot read s3://no-such-bucket/a.csv: no such object");
  }

  @Test
  void openWithRejectedCredentialsNamesErrorCodeAndStatus() {
    // given
    store.put(BUCKET, "open/secret.csv", new byte[] {1}, "text/csv");
    try (S3Client wrongSecret =
        S3.clientBuilder()
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, "wrong-secret")))
            .build()) {
      S3ObjectStore denied = new S3ObjectStore(wrongSecret);

      // when / then
      assertThatThrownBy(() -> denied.open(BUCKET, "open/secret.csv"))
          .isExactlyInstanceOf(ObjectStoreException.class)
          .hasCauseInstanceOf(S3Exception.class)
          .hasMessageStartingWith("Cannot read s3://strata-test/open/secret.csv: ")
          .hasMessageContaining("SignatureDoesNotMatch")
          .hasMessageEndingWith("(HTTP 403)");
    }
  }

  @Test
  void openOfUnreachableEndpointNamesTheClientError() throws IOException {
    // given
    try (S3Client unreachable =
        S3.clientBuilder()
            .endpointOverride(URI.create("http://127.0.0.1:" + closedPort()))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(new ExpectContinueRemover()))
            .build()) {
      S3ObjectStore store = new S3ObjectStore(unreachable);

      // when / then
      assertThatThrownBy(() -> store.open(BUCKET, "a.csv"))
          .isExactlyInstanceOf(ObjectStoreException.class)
          .hasCauseInstanceOf(SdkClientException.class)
          .hasMessageStartingWith(
              "Cannot read s3://strata-test/a.csv: Unable to execute HTTP request");
    }
  }

  @Test
  void headDescribesStoredObject() {
    // given
    byte[] content = "hello".getBytes(UTF_8);
    Instant before = Instant.now().minusSeconds(2);
    store.put(BUCKET, "head/hello.txt", content, "text/plain");

    // when
    ObjectInfo info = store.head(BUCKET, "head/hello.txt").orElseThrow();

    // then
    assertThat(info.bucket()).isEqualTo(BUCKET);
    assertThat(info.key()).isEqualTo("head/hello.txt");
    assertThat(info.size()).isEqualTo(5);
    assertThat(info.eTag()).isEqualTo(md5("hello".getBytes(UTF_8)));
    assertThat(info.versionId()).isNull();
    assertThat(info.lastModified()).isBetween(before, Instant.now().plusSeconds(2));
  }

  @Test
  void headOfMissingObjectIsEmpty() {
    assertThat(store.head(BUCKET, "head/missing.txt")).isEmpty();
  }

  @Test
  void headInMissingBucketIsEmpty() {
    assertThat(store.head(MISSING_BUCKET, "x.txt")).isEmpty();
  }

  @Test
  void putReplacesExistingObjectAndKeepsContentType() {
    // given
    store.put(BUCKET, "put/report.json", "{\"v\":1}".getBytes(UTF_8), "application/json");

    // when
    store.put(BUCKET, "put/report.json", "{\"v\":2}".getBytes(UTF_8), "application/json");

    // then
    assertThat(read("put/report.json")).isEqualTo("{\"v\":2}");
    assertThat(contentType("put/report.json")).isEqualTo("application/json");
  }

  @Test
  void putIntoMissingBucketFailsWithReason() {
    assertThatThrownBy(() -> store.put(MISSING_BUCKET, "a.txt", new byte[] {1}, "text/plain"))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessageStartingWith("Cannot write s3://no-such-bucket/a.txt: NoSuchBucket")
        .hasMessageEndingWith("(HTTP 404)");
  }

  @Test
  void putIfAbsentCreatesOnlyTheFirstTime() {
    // when
    boolean first =
        store.putIfAbsent(BUCKET, "cond/manifest.json", "first".getBytes(UTF_8), "text/plain");
    boolean second =
        store.putIfAbsent(BUCKET, "cond/manifest.json", "second".getBytes(UTF_8), "text/plain");

    // then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(read("cond/manifest.json")).isEqualTo("first");
  }

  @Test
  void aConditionalPutWhoseAnswerWasLostIsRetriedAndFindsItsOwnObject() throws IOException {
    // given: the network loses the answer after s3proxy stored the object, so the SDK retries
    try (LostAnswerRelay relay = new LostAnswerRelay(S3.endpoint());
        S3Client client = S3.clientBuilder().endpointOverride(relay.endpoint()).build()) {
      S3ObjectStore throughRelay = new S3ObjectStore(client, S3ObjectStore.MIN_PART_SIZE);
      byte[] content = "{\"batch\":\"b-1\"}".getBytes(UTF_8);
      relay.loseNextAnswer();

      // when
      boolean created = throughRelay.putIfAbsent(BUCKET, "cond/lost.json", content, "text/plain");

      // then: the retry's 412 is its own first try; another call is another writer, even with
      // the same bytes
      assertThat(relay.dropped()).isEqualTo(1);
      assertThat(created).isTrue();
      assertThat(throughRelay.putIfAbsent(BUCKET, "cond/lost.json", content, "text/plain"))
          .isFalse();
    }
  }

  @Test
  void putIfAbsentIntoMissingBucketFailsWithReason() {
    assertThatThrownBy(
            () -> store.putIfAbsent(MISSING_BUCKET, "m.json", new byte[] {1}, "text/plain"))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessageStartingWith("Cannot write s3://no-such-bucket/m.json: NoSuchBucket");
  }

  @Test
  void createWritesObjectSmallerThanOnePartWithSinglePut() throws IOException {
    // given
    byte[] content = randomBytes(MIB + 17, 1);

    // when
    try (ObjectWriter writer = store.create(BUCKET, "create/small.parquet", "application/x")) {
      writer.write(content);
      assertThat(writer.bytesWritten()).isEqualTo(MIB + 17);
    }

    // then
    ObjectInfo info = store.head(BUCKET, "create/small.parquet").orElseThrow();
    assertThat(info.size()).isEqualTo(MIB + 17);
    assertThat(info.eTag()).isEqualTo(md5(content));
    assertThat(contentType("create/small.parquet")).isEqualTo("application/x");
    assertThat(sha256(readBytes("create/small.parquet"))).isEqualTo(sha256(content));
  }

  @Test
  void createUploadsLargeObjectAsSeveralParts() throws IOException {
    // given a 12 MiB object and 5 MiB parts, written in uneven chunks and single bytes
    byte[] content = randomBytes(12 * MIB, 2);

    // when
    try (ObjectWriter writer = store.create(BUCKET, "create/large.bin", "application/x")) {
      writer.write(content[0]);
      int position = 1;
      int chunk = 1;
      while (position < content.length) {
        int length = Math.min(chunk, content.length - position);
        writer.write(content, position, length);
        position += length;
        chunk = chunk * 3 + 1;
      }
      assertThat(writer.bytesWritten()).isEqualTo(12L * MIB);
    }

    // then
    ObjectInfo info = store.head(BUCKET, "create/large.bin").orElseThrow();
    assertThat(info.size()).isEqualTo(12L * MIB);
    assertThat(info.eTag()).endsWith("-3");
    assertThat(contentType("create/large.bin")).isEqualTo("application/x");
    assertThat(sha256(readBytes("create/large.bin"))).isEqualTo(sha256(content));
    assertThat(pendingUploads()).isEmpty();
  }

  @Test
  void createOfExactMultipleOfPartSizeNeedsNoEmptyLastPart() throws IOException {
    // given
    byte[] content = randomBytes(10 * MIB, 3);

    // when
    try (ObjectWriter writer = store.create(BUCKET, "create/exact.bin", "application/x")) {
      writer.write(content);
    }

    // then
    ObjectInfo info = store.head(BUCKET, "create/exact.bin").orElseThrow();
    assertThat(info.size()).isEqualTo(10L * MIB);
    assertThat(info.eTag()).endsWith("-2");
    assertThat(sha256(readBytes("create/exact.bin"))).isEqualTo(sha256(content));
  }

  @Test
  void createOfNothingWritesEmptyObject() throws IOException {
    // when
    store.create(BUCKET, "create/empty.txt", "text/plain").close();

    // then
    assertThat(store.head(BUCKET, "create/empty.txt").orElseThrow().size()).isZero();
  }

  @Test
  void abortAfterUploadedPartsLeavesNoObjectAndNoPendingUpload() throws IOException {
    // given one part already uploaded
    ObjectWriter writer = store.create(BUCKET, "abort/parts.bin", "application/x");
    writer.write(randomBytes(6 * MIB, 4));
    assertThat(pendingUploads()).hasSize(1);

    // when
    writer.abort();
    writer.abort();
    writer.close();

    // then
    assertThat(store.head(BUCKET, "abort/parts.bin")).isEmpty();
    assertThat(pendingUploads()).isEmpty();
  }

  @Test
  void abortBeforeAnyPartLeavesNoObject() throws IOException {
    // given
    ObjectWriter writer = store.create(BUCKET, "abort/small.bin", "application/x");
    writer.write(new byte[] {1, 2, 3});

    // when
    writer.abort();
    writer.close();

    // then
    assertThat(store.head(BUCKET, "abort/small.bin")).isEmpty();
  }

  @Test
  void writeAfterAbortIsRefused() {
    // given
    ObjectWriter writer = store.create(BUCKET, "abort/refused.bin", "application/x");
    writer.abort();

    // when / then
    assertThatThrownBy(() -> writer.write(1))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("Cannot write s3://strata-test/abort/refused.bin: the writer is aborted");
  }

  @Test
  void writeAfterCloseIsRefused() throws IOException {
    // given
    ObjectWriter writer = store.create(BUCKET, "create/closed.bin", "application/x");
    writer.close();

    // when / then
    assertThatThrownBy(() -> writer.write(new byte[] {1}))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("Cannot write s3://strata-test/create/closed.bin: the writer is closed");
  }

  @Test
  void failedCompletionAbortsTheMultipartUpload() throws IOException {
    // given
    S3ObjectStore faulty =
        new S3ObjectStore(
            FaultyS3Client.failing(S3.client(), 0, FaultyS3Client.Operation.COMPLETE),
            S3ObjectStore.MIN_PART_SIZE);
    ObjectWriter writer = faulty.create(BUCKET, "fail/complete.bin", "application/x");
    writer.write(randomBytes(7 * MIB, 5));

    // when / then
    assertThatThrownBy(writer::close)
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessage(
            "Cannot write s3://strata-test/fail/complete.bin: InternalError: injected failure"
                + " (HTTP 500)");
    assertThat(store.head(BUCKET, "fail/complete.bin")).isEmpty();
    assertThat(pendingUploads()).isEmpty();
    writer.close();
  }

  @Test
  void failedPartUploadAbortsTheMultipartUploadAndRefusesFurtherWrites() throws IOException {
    // given the second part fails
    S3ObjectStore faulty =
        new S3ObjectStore(
            FaultyS3Client.failing(S3.client(), 1, FaultyS3Client.Operation.UPLOAD_PART),
            S3ObjectStore.MIN_PART_SIZE);
    ObjectWriter writer = faulty.create(BUCKET, "fail/part.bin", "application/x");
    byte[] content = randomBytes(11 * MIB, 6);

    // when / then
    assertThatThrownBy(() -> writer.write(content))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessage(
            "Cannot write s3://strata-test/fail/part.bin: InternalError: injected failure"
                + " (HTTP 500)");
    assertThat(pendingUploads()).isEmpty();
    assertThatThrownBy(() -> writer.write(1))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("Cannot write s3://strata-test/fail/part.bin: the writer is failed");
    writer.close();
    assertThat(store.head(BUCKET, "fail/part.bin")).isEmpty();
  }

  @Test
  void failedAbortIsReported() throws IOException {
    // given
    S3ObjectStore faulty =
        new S3ObjectStore(
            FaultyS3Client.failing(S3.client(), 0, FaultyS3Client.Operation.ABORT),
            S3ObjectStore.MIN_PART_SIZE);
    ObjectWriter writer = faulty.create(BUCKET, "fail/abort.bin", "application/x");
    writer.write(randomBytes(5 * MIB + 1, 7));
    String uploadId = pendingUploads().get(0);

    // when / then
    assertThatThrownBy(writer::abort)
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessage(
            "Cannot abort upload "
                + uploadId
                + " to s3://strata-test/fail/abort.bin: InternalError: injected failure"
                + " (HTTP 500)");
    S3.client()
        .abortMultipartUpload(b -> b.bucket(BUCKET).key("fail/abort.bin").uploadId(uploadId));
  }

  @Test
  void createInMissingBucketFailsOnClose() throws IOException {
    // given
    ObjectWriter writer = store.create(MISSING_BUCKET, "w.bin", "application/x");
    writer.write(new byte[] {1});

    // when / then
    assertThatThrownBy(writer::close)
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessageStartingWith("Cannot write s3://no-such-bucket/w.bin: NoSuchBucket")
        .hasMessageEndingWith("(HTTP 404)");
  }

  @Test
  void copyDuplicatesContentAndContentType() {
    // given
    store.put(BUCKET, "copy/source.csv", "x,y\n".getBytes(UTF_8), "text/csv");

    // when
    store.copy(BUCKET, "copy/source.csv", BUCKET, "quarantine/source.csv");

    // then
    assertThat(read("quarantine/source.csv")).isEqualTo("x,y\n");
    assertThat(contentType("quarantine/source.csv")).isEqualTo("text/csv");
    assertThat(read("copy/source.csv")).isEqualTo("x,y\n");
  }

  @Test
  void copyOfMissingSourceThrowsObjectNotFound() {
    assertThatThrownBy(() -> store.copy(BUCKET, "copy/missing.csv", BUCKET, "copy/target.csv"))
        .isExactlyInstanceOf(ObjectNotFoundException.class)
        .hasMessage("Cannot read s3://strata-test/copy/missing.csv: no such object");
  }

  @Test
  void copyIntoMissingBucketNamesBothObjects() {
    // given
    store.put(BUCKET, "copy/kept.csv", new byte[] {1}, "text/csv");

    // when / then
    assertThatThrownBy(() -> store.copy(BUCKET, "copy/kept.csv", MISSING_BUCKET, "t.csv"))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessageStartingWith(
            "Cannot copy s3://strata-test/copy/kept.csv to s3://no-such-bucket/t.csv: NoSuchBucket");
  }

  @Test
  void copyAboveCopyObjectLimitCopiesInRanges() throws IOException {
    // given a store whose CopyObject limit is 1 MiB and whose copy parts are 5 MiB
    S3ObjectStore rangedCopy =
        new S3ObjectStore(S3.client(), S3ObjectStore.MIN_PART_SIZE, MIB, 5L * MIB);
    byte[] content = randomBytes(12 * MIB, 8);
    store.put(BUCKET, "copy/big.bin", content, "application/octet-stream");

    // when
    rangedCopy.copy(BUCKET, "copy/big.bin", BUCKET, "copy/big-copy.bin");

    // then
    ObjectInfo info = store.head(BUCKET, "copy/big-copy.bin").orElseThrow();
    assertThat(info.size()).isEqualTo(12L * MIB);
    assertThat(info.eTag()).endsWith("-3");
    assertThat(contentType("copy/big-copy.bin")).isEqualTo("application/octet-stream");
    assertThat(sha256(readBytes("copy/big-copy.bin"))).isEqualTo(sha256(content));
    assertThat(pendingUploads()).isEmpty();
  }

  @Test
  void deleteRemovesObject() {
    // given
    store.put(BUCKET, "delete/a.txt", new byte[] {1}, "text/plain");

    // when
    store.delete(BUCKET, "delete/a.txt");

    // then
    assertThat(store.head(BUCKET, "delete/a.txt")).isEmpty();
  }

  @Test
  void deleteOfMissingObjectIsNoError() {
    // when
    store.delete(BUCKET, "delete/never-existed.txt");

    // then
    assertThat(store.head(BUCKET, "delete/never-existed.txt")).isEmpty();
  }

  @Test
  void listReturnsObjectsUnderPrefixInKeyOrder() {
    // given
    store.put(BUCKET, "list/b/2.csv", "22".getBytes(UTF_8), "text/csv");
    store.put(BUCKET, "list/a/1.csv", "1".getBytes(UTF_8), "text/csv");
    store.put(BUCKET, "list/b/10.csv", "101010".getBytes(UTF_8), "text/csv");
    store.put(BUCKET, "listing/other.csv", "x".getBytes(UTF_8), "text/csv");

    // when
    List<ObjectInfo> listed = store.list(BUCKET, "list/");

    // then
    assertThat(listed)
        .extracting(ObjectInfo::key, ObjectInfo::size, ObjectInfo::eTag)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("list/a/1.csv", 1L, md5("1".getBytes(UTF_8))),
            org.assertj.core.groups.Tuple.tuple("list/b/10.csv", 6L, md5("101010".getBytes(UTF_8))),
            org.assertj.core.groups.Tuple.tuple("list/b/2.csv", 2L, md5("22".getBytes(UTF_8))));
    assertThat(listed).allSatisfy(info -> assertThat(info.bucket()).isEqualTo(BUCKET));
    assertThat(listed).allSatisfy(info -> assertThat(info.lastModified()).isNotNull());
  }

  @Test
  void listFollowsEveryPage(@TempDir Path baseDir) throws IOException {
    // given more objects than S3 returns in one page, stored as plain files
    Path folder = Files.createDirectories(baseDir.resolve("paged-bucket/paged"));
    for (int i = 0; i < 1005; i++) {
      Files.write(folder.resolve("%04d.txt".formatted(i)), new byte[] {1});
    }
    try (S3ProxyServer server = S3ProxyServer.startOnDirectory(baseDir);
        S3Client client = server.newClient()) {

      // when
      List<ObjectInfo> listed = new S3ObjectStore(client).list("paged-bucket", "paged/");

      // then
      assertThat(listed).hasSize(1005);
      assertThat(listed.get(0).key()).isEqualTo("paged/0000.txt");
      assertThat(listed.get(1004).key()).isEqualTo("paged/1004.txt");
      assertThat(listed).extracting(ObjectInfo::size).containsOnly(1L);
    }
  }

  @Test
  void listOfEmptyPrefixIsEmpty() {
    assertThat(store.list(BUCKET, "nothing-here/")).isEmpty();
  }

  @Test
  void listOfMissingBucketFailsWithReason() {
    assertThatThrownBy(() -> store.list(MISSING_BUCKET, "p/"))
        .isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessageStartingWith("Cannot list s3://no-such-bucket/p/: NoSuchBucket")
        .hasMessageEndingWith("(HTTP 404)");
  }

  @Test
  void rejectsPartSizeBelowFiveMiB() {
    assertThatThrownBy(() -> new S3ObjectStore(S3.client(), 5 * MIB - 1))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("part size must be at least 5242880 bytes: 5242879");
  }

  private static String read(String key) {
    return new String(readBytes(key), UTF_8);
  }

  private static byte[] readBytes(String key) {
    return S3.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
  }

  private static String contentType(String key) {
    HeadObjectResponse head = S3.client().headObject(b -> b.bucket(BUCKET).key(key));
    return head.contentType();
  }

  private static List<String> pendingUploads() {
    return S3.client().listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream()
        .map(u -> u.uploadId())
        .toList();
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String md5(byte[] content) {
    return digest("MD5", content);
  }

  private static String sha256(byte[] content) {
    return digest("SHA-256", content);
  }

  private static String digest(String algorithm, byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
