package io.strata.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExactLengthInputStreamTest {

  private static final byte[] TEN = "0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @Test
  void passesAStreamOfExactlyTheSizeAndChecksTheEndOnce() throws IOException {
    AtomicInteger checks = new AtomicInteger();
    InputStream in = stream(TEN, 10, checks::incrementAndGet);

    assertThat(in.readAllBytes()).isEqualTo(TEN);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(checks).hasValue(1);
  }

  @Test
  void failsAStreamThatEndsShortOfTheSize() {
    InputStream in = stream(TEN, 12, null);

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(IncompleteReadException.class)
        .hasMessage("Cannot read s3://raw/k.csv: the read ended after 10 of 12 bytes");
  }

  @Test
  void failsAStreamThatRunsPastTheSize() {
    InputStream in = stream(TEN, 8, null);

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(IncompleteReadException.class)
        .hasMessage(
            "Cannot read s3://raw/k.csv: it holds more than the 8 bytes it had when it was opened");
  }

  @Test
  void turnsAnIoErrorIntoAnIncompleteReadNamingWhereItBrokeOff() throws IOException {
    InputStream failing =
        new InputStream() {
          private boolean delivered;

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (delivered) {
              throw new IOException("Cannot read s3://raw/k.csv: Connection reset");
            }
            delivered = true;
            b[off] = 'x';
            return 1;
          }
        };
    ExactLengthInputStream in = new ExactLengthInputStream(failing, "raw", "k.csv", 10, null);
    assertThat(in.read()).isEqualTo('x');

    assertThatThrownBy(() -> in.read(new byte[8], 0, 8))
        .isInstanceOf(IncompleteReadException.class)
        .hasMessage(
            "Cannot read s3://raw/k.csv: the read broke off after 1 of 10 bytes: Connection reset")
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void failsWhenTheEndCheckFindsTheObjectChangedAndKeepsFailing() {
    ExactLengthInputStream in =
        new ExactLengthInputStream(
            new ByteArrayInputStream(TEN),
            "raw",
            "k.csv",
            10,
            () -> {
              throw new IncompleteReadException("raw", "k.csv", "it changed while it was read");
            });

    assertThatThrownBy(in::readAllBytes).hasMessageEndingWith("it changed while it was read");
    assertThatThrownBy(in::read).hasMessageEndingWith("it changed while it was read");
    assertThat(in.failure()).isPresent();
  }

  @Test
  void readsWhatTheConsumerLeftAndChecksTheEnd() throws IOException {
    ExactLengthInputStream whole =
        new ExactLengthInputStream(new ByteArrayInputStream(TEN), "raw", "k.csv", 10, null);
    ExactLengthInputStream longer =
        new ExactLengthInputStream(new ByteArrayInputStream(TEN), "raw", "k.csv", 11, null);
    whole.readNBytes(4);
    longer.readNBytes(4);

    assertThat(whole.readToEnd()).isEqualTo(10);
    assertThatThrownBy(longer::readToEnd)
        .hasMessageEndingWith("the read ended after 10 of 11 bytes");
  }

  @Test
  void passesAStreamOfUnknownSizeAsItIs() throws IOException {
    InputStream in = stream(TEN, ExactLengthInputStream.UNKNOWN_SIZE, null);

    assertThat(in.readAllBytes()).isEqualTo(TEN);
  }

  @Test
  void countsSkippedBytes() throws IOException {
    ExactLengthInputStream in =
        new ExactLengthInputStream(new ByteArrayInputStream(TEN), "raw", "k.csv", 11, null);

    assertThat(in.skip(4)).isEqualTo(4);
    assertThatThrownBy(() -> in.skip(100))
        .hasMessageEndingWith("the read ended after 10 of 11 bytes");
  }

  private static InputStream stream(
      byte[] content, long size, ExactLengthInputStream.EndCheck check) {
    return new ExactLengthInputStream(
        new ByteArrayInputStream(content), "raw", "k.csv", size, check);
  }
}
