package io.strata.core.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compresses Parquet pages with ZSTD (see {@link PageCompressor}), without Hadoop. Not thread-safe:
 * it reuses one input and one output buffer, which is safe because Parquet copies each compressed
 * page before asking for the next; reusing them also keeps page-sized arrays (humongous objects for
 * G1 in a small heap) from being allocated per page.
 */
final class ZstdCodecFactory
    implements CompressionCodecFactory, CompressionCodecFactory.BytesInputCompressor {

  private final PageBuffer input = new PageBuffer();
  private PageCompressor zstd;
  private byte[] output = new byte[0];

  @Override
  public BytesInput compress(BytesInput bytes) throws IOException {
    if (zstd == null) {
      zstd = PageCompressor.create();
    }
    input.reset();
    bytes.writeAllTo(input);
    int bound = zstd.maxCompressedLength(input.size());
    if (output.length < bound) {
      output = new byte[bound];
    }
    int length = zstd.compress(input.array(), input.size(), output);
    return BytesInput.from(output, 0, length);
  }

  @Override
  public CompressionCodecName getCodecName() {
    return CompressionCodecName.ZSTD;
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
    if (codecName != CompressionCodecName.ZSTD) {
      throw new IllegalArgumentException("Only ZSTD is supported, not " + codecName);
    }
    return this;
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
    throw new UnsupportedOperationException("History files are only written, never read here");
  }

  @Override
  public void release() {
    if (zstd != null) {
      zstd.close();
      zstd = null;
    }
    output = new byte[0];
    input.release();
  }

  /** A byte stream whose array is read in place. */
  private static final class PageBuffer extends ByteArrayOutputStream {

    byte[] array() {
      return buf;
    }

    void release() {
      buf = new byte[32];
      count = 0;
    }
  }
}
