package io.strata.core.history;

import io.airlift.compress.zstd.ZstdCompressor;
import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compresses Parquet pages with ZSTD in pure Java (aircompressor), so writing needs neither Hadoop
 * nor JNI. Not thread-safe: it reuses one output buffer, which is safe because Parquet copies each
 * compressed page before asking for the next.
 */
final class ZstdCodecFactory
    implements CompressionCodecFactory, CompressionCodecFactory.BytesInputCompressor {

  private final ZstdCompressor zstd = new ZstdCompressor();
  private byte[] output = new byte[0];

  @Override
  public BytesInput compress(BytesInput bytes) throws IOException {
    byte[] input = bytes.toByteArray();
    int bound = zstd.maxCompressedLength(input.length);
    if (output.length < bound) {
      output = new byte[bound];
    }
    int length = zstd.compress(input, 0, input.length, output, 0, output.length);
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
    output = new byte[0];
  }
}
