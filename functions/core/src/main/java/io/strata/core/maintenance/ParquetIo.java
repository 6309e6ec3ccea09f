package io.strata.core.maintenance;

import io.strata.core.history.StreamOutputFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.hadoop.metadata.IndexReference;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's file interfaces over a table's Iceberg {@code FileIO}, and the reading of footers and
 * page indexes that compaction needs, without Hadoop: parquet-java's {@code ParquetFileReader}
 * cannot be opened without loading Hadoop's codecs (its read options build a Hadoop codec factory
 * eagerly), and compaction never decompresses a page, so it reads the footer's Thrift structures
 * itself with parquet-java's own converter.
 */
final class ParquetIo {

  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

  private ParquetIo() {}

  /**
   * The footer of a Parquet file: its schema, key-value metadata and row groups with their column
   * chunks' statistics and index references.
   *
   * @throws IOException when the file is not a plain (unencrypted) Parquet file
   */
  static ParquetMetadata footer(InputFile file) throws IOException {
    long length = file.getLength();
    if (length < 12) {
      throw new IOException(file + " is not a Parquet file: " + length + " bytes");
    }
    try (SeekableInputStream in = file.newStream()) {
      byte[] tail = new byte[8];
      in.seek(length - 8);
      in.readFully(tail);
      for (int i = 0; i < MAGIC.length; i++) {
        if (tail[4 + i] != MAGIC[i]) {
          throw new IOException(
              file
                  + " is not a plain Parquet file (no PAR1 magic; encrypted footers are not read)");
        }
      }
      int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (footerLength <= 0 || footerLength > length - 12) {
        throw new IOException(
            file + " has a footer length of " + footerLength + ", past its start");
      }
      byte[] footer = new byte[footerLength];
      in.seek(length - 8 - footerLength);
      in.readFully(footer);
      return CONVERTER.readParquetMetadata(
          new ByteArrayInputStream(footer), ParquetMetadataConverter.NO_FILTER);
    }
  }

  /** The chunk's column index (min/max per page), or null when the file has none. */
  static ColumnIndex columnIndex(SeekableInputStream in, ColumnChunkMetaData chunk)
      throws IOException {
    IndexReference reference = chunk.getColumnIndexReference();
    if (reference == null) {
      return null;
    }
    in.seek(reference.getOffset());
    return ParquetMetadataConverter.fromParquetColumnIndex(
        chunk.getPrimitiveType(), Util.readColumnIndex(in));
  }

  /** The chunk's offset index (where each page starts), or null when the file has none. */
  static OffsetIndex offsetIndex(SeekableInputStream in, ColumnChunkMetaData chunk)
      throws IOException {
    IndexReference reference = chunk.getOffsetIndexReference();
    if (reference == null) {
      return null;
    }
    in.seek(reference.getOffset());
    return ParquetMetadataConverter.fromParquetOffsetIndex(Util.readOffsetIndex(in));
  }

  /** An output file that remembers how many bytes were written, the data file's size. */
  static final class CountingOutput extends StreamOutputFile {

    private final org.apache.iceberg.io.OutputFile file;
    private org.apache.iceberg.io.PositionOutputStream stream;
    private long length;

    CountingOutput(org.apache.iceberg.io.OutputFile file) {
      super(file.location());
      this.file = file;
    }

    /** The bytes written so far; the file's size once the writer has ended. */
    long length() throws IOException {
      return stream == null ? length : Math.max(length, stream.getPos());
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      stream = file.create();
      return new DelegatingPositionOutputStream(stream) {
        @Override
        public long getPos() throws IOException {
          return stream.getPos();
        }

        @Override
        public void close() throws IOException {
          length = stream.getPos();
          super.close();
        }
      };
    }
  }
}
