package io.strata.core.current;

import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * ZSTD pages for current tables, read and written with aircompressor's pure-Java ZSTD: parquet's
 * own codec factory loads Hadoop, which the functions do not carry. Reads the ZSTD the history
 * writer writes and uncompressed pages. Not thread-safe; one per file.
 */
final class ZstdPageCodec
    implements CompressionCodecFactory,
        CompressionCodecFactory.BytesInputCompressor,
        CompressionCodecFactory.BytesInputDecompressor {

  private final ZstdCompressor compressor = new ZstdCompressor();
  private final ZstdDecompressor decompressor = new ZstdDecompressor();

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    if (codec != CompressionCodecName.ZSTD) {
      throw new IllegalArgumentException("Current tables write ZSTD pages, not " + codec);
    }
    return this;
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return switch (codec) {
      case ZSTD -> this;
      case UNCOMPRESSED -> new Uncompressed();
      default ->
          throw new IllegalArgumentException(
              "Cannot read a " + codec + " page: Strata's tables hold ZSTD pages");
    };
  }

  @Override
  public BytesInput compress(BytesInput bytes) throws java.io.IOException {
    byte[] input = bytes.toByteArray();
    byte[] output = new byte[compressor.maxCompressedLength(input.length)];
    int length = compressor.compress(input, 0, input.length, output, 0, output.length);
    return BytesInput.from(output, 0, length);
  }

  @Override
  public CompressionCodecName getCodecName() {
    return CompressionCodecName.ZSTD;
  }

  @Override
  public BytesInput decompress(BytesInput bytes, int decompressedSize) throws java.io.IOException {
    byte[] input = bytes.toByteArray();
    byte[] output = new byte[decompressedSize];
    decompressor.decompress(input, 0, input.length, output, 0, decompressedSize);
    return BytesInput.from(output);
  }

  @Override
  public void decompress(
      ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize) {
    byte[] in = new byte[compressedSize];
    input.get(in);
    byte[] out = new byte[decompressedSize];
    decompressor.decompress(in, 0, compressedSize, out, 0, decompressedSize);
    output.put(out);
  }

  @Override
  public void release() {
    // Nothing pooled.
  }

  /** Pages stored without compression. */
  private static final class Uncompressed implements BytesInputDecompressor {

    @Override
    public BytesInput decompress(BytesInput bytes, int decompressedSize) {
      return bytes;
    }

    @Override
    public void decompress(
        ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize) {
      ByteBuffer slice = input.duplicate();
      slice.limit(slice.position() + compressedSize);
      output.put(slice);
    }

    @Override
    public void release() {
      // Nothing held.
    }
  }
}
