package io.strata.aws.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.aws.testing.S3ProxyExtension;
import io.strata.core.store.IncompleteReadException;
import io.strata.core.store.ObjectStore;
import io.strata.core.testing.CutInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Reads through the real SDK against s3proxy deliver an object whole or fail: a body cut short,
 * silently or with an error, and an object rewritten under its reader never pass for a complete
 * read.
 */
class S3WholeReadTest {

  private static final String BUCKET = "strata-raw";
  private static final int SIZE = 3 * 1024 * 1024;

  private static final Path DATA = temporaryDirectory();

  @RegisterExtension
  static final S3ProxyExtension S3 = S3ProxyExtension.onDirectory(DATA).withBuckets(BUCKET);

  private final String key = "bank_transactions/" + UUID.randomUUID() + "/tx.csv";

  @Test
  void aBodyThatEndsEarlyFailsTheReadInsteadOfEndingIt() throws IOException {
    String eTag = put(content('a'));
    ObjectStore cut = storeCuttingAfter(1024 * 1024, CutInputStream.Cut.SILENT_END);

    try (InputStream in = cut.open(BUCKET, key, null, eTag)) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IncompleteReadException.class)
          .hasMessage(
              "Cannot read s3://"
                  + BUCKET
                  + "/"
                  + key
                  + ": the read ended after 1048576 of "
                  + SIZE
                  + " bytes");
    }
  }

  @Test
  void aConnectionResetFailsTheReadNamingWhereItBrokeOff() throws IOException {
    String eTag = put(content('a'));
    ObjectStore cut = storeCuttingAfter(4096, CutInputStream.Cut.CONNECTION_RESET);

    try (InputStream in = cut.open(BUCKET, key, null, eTag)) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IncompleteReadException.class)
          .hasMessage(
              "Cannot read s3://"
                  + BUCKET
                  + "/"
                  + key
                  + ": the read broke off after 4096 of "
                  + SIZE
                  + " bytes: Connection reset");
    }
  }

  @Test
  void aPlainOpenIsCheckedAgainstTheContentLengthToo() throws IOException {
    put(content('a'));
    ObjectStore cut = storeCuttingAfter(10, CutInputStream.Cut.SILENT_END);

    try (InputStream in = cut.open(BUCKET, key)) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IncompleteReadException.class)
          .hasMessageEndingWith(": the read ended after 10 of " + SIZE + " bytes");
    }
  }

  @Test
  void aWholeReadPasses() throws IOException {
    byte[] content = content('a');
    String eTag = put(content);

    try (InputStream in = store().open(BUCKET, key, null, eTag)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void anObjectReplacedWhileItIsReadFailsAtTheEnd() throws IOException {
    String eTag = put(content('a'));
    ObjectStore store = store();

    try (InputStream in = store.open(BUCKET, key, null, eTag)) {
      in.readNBytes(1024);
      put(content('b'));

      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IncompleteReadException.class)
          .hasMessage("Cannot read s3://" + BUCKET + "/" + key + ": it changed while it was read");
    }
  }

  @Test
  void aFileRewrittenInPlaceUnderTheServerFailsTheRead() throws IOException {
    String eTag = put(content('a'));
    Path file = DATA.resolve(BUCKET).resolve(key);
    ObjectStore store = store();

    try (InputStream in = store.open(BUCKET, key, null, eTag)) {
      in.readNBytes(1024);
      // What `cp other.csv lake/strata-raw/…` does seconds into an ingest: the same file,
      // truncated and written again (s3proxy tells versions apart by time to the second).
      Files.write(file, content('b'));
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

      assertThatThrownBy(in::readAllBytes).isInstanceOf(IncompleteReadException.class);
    }
  }

  @AfterAll
  static void deleteData() throws IOException {
    try (Stream<Path> files = Files.walk(DATA)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("strata-whole-read");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectStore store() {
    return new S3ObjectStore(S3.client());
  }

  private ObjectStore storeCuttingAfter(long bytes, CutInputStream.Cut how) {
    return new S3ObjectStore(FaultyS3Client.cuttingBodies(S3.client(), bytes, how));
  }

  private String put(byte[] content) {
    return ETags.unquote(
        S3.client()
            .putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content))
            .eTag());
  }

  private static byte[] content(char fill) {
    byte[] bytes = new byte[SIZE];
    Arrays.fill(bytes, (byte) fill);
    byte[] line = "id,amount\n".getBytes(UTF_8);
    System.arraycopy(line, 0, bytes, 0, line.length);
    return bytes;
  }
}
