package io.strata.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class S3ObjectInputStreamTest {

  @Test
  void passesBytesThrough() throws IOException {
    try (InputStream in =
        new S3ObjectInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3}), "b", "k")) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void turnsSdkFailureWhileReadingIntoIoExceptionNamingTheObject() {
    // given a body whose checksum check fails half-way, as the SDK reports it
    SdkClientException checksum =
        SdkClientException.create("Data read has a different checksum than expected.");
    InputStream failing =
        new InputStream() {
          @Override
          public int read() {
            throw checksum;
          }
        };
    InputStream in = new S3ObjectInputStream(failing, "strata-raw", "bank/x.csv");

    // when / then
    assertThatThrownBy(in::read)
        .isExactlyInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read s3://strata-raw/bank/x.csv: Data read has a different checksum than"
                + " expected.")
        .hasCause(checksum);
  }
}
