package io.strata.core.parse;

import static io.strata.core.parse.StreamFixtures.concat;
import static io.strata.core.parse.StreamFixtures.contract;
import static io.strata.core.parse.StreamFixtures.gzip;
import static io.strata.core.parse.StreamFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.DatasetContract;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SourceInputTest {

  private static final DatasetContract CSV = contract("csv", "");

  @Test
  void rejectsFileThatStartsLikeGzipButIsNot() {
    byte[] file = concat(new byte[] {0x1f, (byte) 0x8b}, utf8("id,amount\na1,1\n"));

    assertRejected(
        file,
        new ParseLimits(1024, 1 << 20),
        "invalid_gzip",
        "Cannot decompress file: Unsupported compression method");
  }

  @Test
  void rejectsGzipWithCorruptData() {
    byte[] valid = gzip(utf8("id,amount\n" + "a1,1\n".repeat(100)));
    byte[] corrupt = valid.clone();
    Arrays.fill(corrupt, 10, corrupt.length - 8, (byte) 0xFF);

    assertRejected(
        corrupt,
        new ParseLimits(1024, 1 << 20),
        "invalid_gzip",
        "Cannot decompress file: invalid block type");
  }

  @Test
  void rejectsTruncatedGzip() {
    byte[] valid = gzip(utf8("id,amount\n" + "a1,1\n".repeat(100)));
    byte[] truncated = Arrays.copyOf(valid, valid.length - 12);

    assertRejected(
        truncated,
        new ParseLimits(1024, 1 << 20),
        "invalid_gzip",
        "Cannot decompress file: the data ends unexpectedly");
  }

  @Test
  void rejectsGzipThatExpandsBeyondLimit() {
    byte[] bomb = gzip(utf8("id,amount\n" + "a1,1\n".repeat(100_000)));

    assertRejected(
        bomb,
        new ParseLimits(1024, 100_000),
        "decompression_limit",
        "Cannot decompress file: it expands beyond 100000 bytes");
  }

  @Test
  void readsGzipJustWithinLimit() {
    byte[] content = utf8("id,amount\na1,1\n");
    byte[] file = gzip(content);

    assertThat(readAll(file, CSV, new ParseLimits(1024, content.length)))
        .containsExactly("2|a1|1|null");
  }

  private static java.util.List<String> readAll(
      byte[] file, DatasetContract contract, ParseLimits limits) {
    try (RecordStream stream =
        RecordStreams.open(new ByteArrayInputStream(file), contract, limits)) {
      return StreamFixtures.drain(stream);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertRejected(
      byte[] file, ParseLimits limits, String reason, String message) {
    assertThatThrownBy(() -> readAll(file, CSV, limits))
        .isInstanceOfSatisfying(
            FileRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }
}
