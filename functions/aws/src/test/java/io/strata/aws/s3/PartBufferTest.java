package io.strata.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

class PartBufferTest {

  @Test
  void bodyHoldsExactlyTheBytesWrittenAcrossBlocksAndCanBeReadAgain() throws IOException {
    byte[] bytes = new byte[3 * PartBuffer.BLOCK + 17];
    new Random(7).nextBytes(bytes);
    PartBuffer buffer = new PartBuffer();
    // Writes of odd sizes, so that some end exactly on a block boundary and some straddle one.
    int[] sizes = {1, PartBuffer.BLOCK - 1, PartBuffer.BLOCK, 5, PartBuffer.BLOCK + 12};
    int position = 0;
    for (int size : sizes) {
      buffer.write(bytes, position, size);
      position += size;
    }
    assertThat(position).isEqualTo(bytes.length);

    RequestBody body = buffer.body();

    assertThat(buffer.size()).isEqualTo(bytes.length);
    assertThat(body.optionalContentLength()).contains((long) bytes.length);
    assertThat(read(body)).isEqualTo(bytes);
    assertThat(read(body)).as("a retry reads the part again").isEqualTo(bytes);
  }

  @Test
  void clearedBufferHoldsOnlyWhatIsWrittenNext() throws IOException {
    PartBuffer buffer = new PartBuffer();
    byte[] first = new byte[2 * PartBuffer.BLOCK];
    Arrays.fill(first, (byte) 1);
    buffer.write(first, 0, first.length);
    buffer.clear();

    byte[] second = {2, 3, 4};
    buffer.write(second, 0, second.length);

    assertThat(buffer.size()).isEqualTo(3);
    assertThat(read(buffer.body())).containsExactly(2, 3, 4);
  }

  @Test
  void emptyBufferIsAnEmptyBody() throws IOException {
    RequestBody body = new PartBuffer().body();

    assertThat(body.optionalContentLength()).contains(0L);
    assertThat(read(body)).isEmpty();
  }

  private static byte[] read(RequestBody body) throws IOException {
    try (InputStream in = body.contentStreamProvider().newStream()) {
      return in.readAllBytes();
    }
  }
}
