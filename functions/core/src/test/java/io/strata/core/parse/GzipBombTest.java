package io.strata.core.parse;

import static io.strata.core.parse.StreamFixtures.contract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Gzip bombs are refused by their expansion ratio after a bounded amount of decompression, long
 * before the absolute limit; honest files that compress well pass whole.
 */
class GzipBombTest {

  private static final long GIB = 1L << 30;
  private static final int MIB = 1 << 20;

  @Test
  void refusesFourGibOfZerosInFourMbAfterAFewMibOfDecompression() throws IOException {
    // given a 4 GiB stream of zeros in ~4 MB of gzip
    byte[] bomb = gzipRepeated(new byte[64 * MIB], 64);
    assertThat(bomb.length).isLessThan(8 * MIB);
    CountingInput source = new CountingInput(bomb);
    long started = System.nanoTime();

    // when / then
    try (InputStream in = SourceInput.open(source, ParseLimits.DEFAULT)) {
      assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
          .isInstanceOfSatisfying(
              FileRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo("decompression_limit"))
          .hasMessageStartingWith("Cannot decompress file: it expands more than 100 times (")
          .hasMessageEndingWith("compressed bytes), as a gzip bomb does");
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    assertThat(source.read).isLessThan(MIB);
    assertThat(elapsed).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void refusesABombOfBlankLinesThatTheParsersWouldSkipForever() {
    // given a valid header and record, then 4 GiB of line feeds in ~4 MB
    byte[] header = "id,amount\na1,1\n".getBytes(StandardCharsets.UTF_8);
    byte[] newlines = new byte[64 * MIB];
    Arrays.fill(newlines, (byte) '\n');
    byte[] bomb = StreamFixtures.concat(StreamFixtures.gzip(header), gzipRepeated(newlines, 64));
    assertThatThrownBy(
            () -> {
              try (RecordStream records =
                  RecordStreams.open(
                      new ByteArrayInputStream(bomb), contract("csv", ""), ParseLimits.DEFAULT)) {
                StreamFixtures.drain(records);
              }
            })
        .isInstanceOfSatisfying(
            FileRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo("decompression_limit"))
        .hasMessageMatching(
            "Cannot decompress file: it expands more than 100 times \\(4[0-9]{6} bytes from the"
                + " first [0-9]{4,5} compressed bytes\\), as a gzip bomb does");
  }

  @Test
  void readsAnHonestFileThatCompressesAlmostFiftyTimesWhole() throws IOException {
    // given 32 MiB of JSON Lines whose member names and most values repeat on every line
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; jsonl.length() < 32 * MIB; i++) {
      jsonl
          .append("{\"event_id\":\"e")
          .append(i)
          .append("\",\"subscriber_id\":\"491701234567\",\"event_type\":\"call\",")
          .append(
              "\"event_time\":\"2024-01-15T01:30:00Z\",\"duration_s\":60,\"cell_id\":\"C1\"}\n");
    }
    byte[] content = jsonl.toString().getBytes(StandardCharsets.UTF_8);
    byte[] gz = StreamFixtures.gzip(content);
    assertThat((double) content.length / gz.length).isGreaterThan(40);

    try (InputStream in = SourceInput.open(new ByteArrayInputStream(gz), ParseLimits.DEFAULT)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void theRatioIsConfigurable() {
    byte[] content = new byte[2 * MIB];
    Arrays.fill(content, (byte) '\n');
    byte[] gz = StreamFixtures.gzip(content);
    ParseLimits strict = new ParseLimits(1024, GIB, 20, MIB);

    assertThatThrownBy(
            () -> {
              try (InputStream in = SourceInput.open(new ByteArrayInputStream(gz), strict)) {
                in.readAllBytes();
              }
            })
        .hasMessageStartingWith("Cannot decompress file: it expands more than 20 times");
  }

  /** The member's gzip written {@code times} times in a row: one valid multi-member stream. */
  private static byte[] gzipRepeated(byte[] content, int times) {
    byte[] member = StreamFixtures.gzip(content);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(member.length * times);
    for (int i = 0; i < times; i++) {
      bytes.writeBytes(member);
    }
    return bytes.toByteArray();
  }

  /** Counts what the decompressor pulled from the raw file. */
  private static final class CountingInput extends ByteArrayInputStream {

    private long read;

    CountingInput(byte[] content) {
      super(content);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      read += Math.max(n, 0);
      return n;
    }

    @Override
    public synchronized int read() {
      int b = super.read();
      read += b < 0 ? 0 : 1;
      return b;
    }
  }
}
