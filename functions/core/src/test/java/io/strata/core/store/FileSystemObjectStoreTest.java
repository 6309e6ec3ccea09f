package io.strata.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemObjectStoreTest extends ObjectStoreContractTest {

  @TempDir Path root;

  @Override
  protected ObjectStore createStore() {
    return new FileSystemObjectStore(root);
  }

  @Test
  void storesObjectsAsPlainFilesUnderRootBucketKey() throws IOException {
    store.put(bucket, "history/ds/part=1/f.parquet", bytes("content"), "text/plain");

    Path file = root.resolve(bucket).resolve("history/ds/part=1/f.parquet");
    assertThat(Files.readString(file)).isEqualTo("content");
  }

  @Test
  void keepsTheTemporaryFileOfAnOpenWriterOutOfListings() throws IOException {
    ObjectWriter writer = store.create(bucket, "dir/a.bin", "application/octet-stream");
    writer.write(bytes("abc"));
    writer.flush();

    try (Stream<Path> files = Files.list(root.resolve(bucket).resolve("dir"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .singleElement()
          .asString()
          .startsWith(FileSystemObjectStore.TEMP_PREFIX);
    }
    assertThat(store.list(bucket, "")).isEmpty();
    writer.abort();
    try (Stream<Path> files = Files.list(root.resolve(bucket).resolve("dir"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void rejectsKeysThatWouldEscapeTheBucket() {
    assertThatThrownBy(() -> store.put(bucket, "../other/x", bytes("x"), "text/plain"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid key s3://"
                + bucket
                + "/../other/x: absolute, empty, '.' or '..' segments are not allowed");
    assertThatThrownBy(() -> store.open(bucket, "/etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid key s3://" + bucket + "//etc/passwd");
    assertThatThrownBy(() -> store.head(bucket, "a/./b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.list("..", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid bucket name: '..'");
    assertThat(root.resolve("other")).doesNotExist();
  }

  @Test
  void reportsAFailedWriteWithBucketAndKey() {
    store.put(bucket, "a", bytes("file where a directory is needed"), "text/plain");

    assertThatThrownBy(() -> store.put(bucket, "a/b", bytes("x"), "text/plain"))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageStartingWith("Cannot write s3://" + bucket + "/a/b: FileAlreadyExistsException");
  }

  @Test
  void treatsADirectoryAsNoObject() {
    store.put(bucket, "dir/a", bytes("a"), "text/plain");

    assertThat(store.head(bucket, "dir")).isEmpty();
    assertThatThrownBy(() -> store.open(bucket, "dir")).isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void failsAVersionedReadOfAFileTruncatedInPlaceWhileItIsRead() throws IOException {
    byte[] content = bytes("id,amount\n" + "a1,1\n".repeat(100_000));
    store.put(bucket, "raw/tx.csv", content, "text/csv");
    String eTag = store.head(bucket, "raw/tx.csv").orElseThrow().eTag();
    Path file = root.resolve(bucket).resolve("raw/tx.csv");

    try (InputStream in = store.open(bucket, "raw/tx.csv", null, eTag)) {
      in.readNBytes(1000);
      // cp of a shorter file onto the same name: the reader's own file shrinks under it.
      Files.write(file, bytes("id,amount\nb1,2\n"));

      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IncompleteReadException.class)
          .hasMessage(
              "Cannot read s3://"
                  + bucket
                  + "/raw/tx.csv: the read ended after 1000 of "
                  + content.length
                  + " bytes");
    }
  }

  @Test
  void failsAVersionedReadOfAFileRewrittenInPlaceWithTheSameLength() throws IOException {
    byte[] content = bytes("id,amount\n" + "a1,1\n".repeat(100_000));
    store.put(bucket, "raw/tx.csv", content, "text/csv");
    String eTag = store.head(bucket, "raw/tx.csv").orElseThrow().eTag();
    Path file = root.resolve(bucket).resolve("raw/tx.csv");

    try (InputStream in = store.open(bucket, "raw/tx.csv", null, eTag)) {
      in.readNBytes(1000);
      Files.write(file, bytes("id,amount\n" + "b2,2\n".repeat(100_000)));
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IncompleteReadException.class)
          .hasMessage("Cannot read s3://" + bucket + "/raw/tx.csv: it changed while it was read");
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
