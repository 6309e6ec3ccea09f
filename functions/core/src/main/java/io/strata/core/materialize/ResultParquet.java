package io.strata.core.materialize;

import io.strata.core.history.StreamOutputFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Table;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Types;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Writes a report's result as one Parquet file of the table's schema (Iceberg field ids, one row
 * group, pages uncompressed) into the table's data folder with the table's own FileIO, and returns
 * it as an Iceberg data file with the footer's column metrics. parquet-column writes the values
 * directly: Iceberg's generic Parquet writer needs Hadoop's {@code Configuration} at run time. A
 * result is at most the query API's row limit, so it is built in memory.
 */
final class ResultParquet {

  private ResultParquet() {}

  /**
   * Writes the rows (values typed by {@link ResultSchema#value}) to {@code location}; the table's
   * schema holds the result's columns in the result's order ({@link ResultTableSchema#align}).
   */
  static DataFile write(
      Table table, ResultSchema result, List<List<Object>> rows, String location) {
    // The table's own field ids: Iceberg gave the columns new ones when it created the table.
    MessageType schema = ParquetSchemaUtil.convert(table.schema(), "table");
    ParquetProperties properties = ParquetProperties.builder().build();
    Uncompressed codec = new Uncompressed();
    Bytes bytes = new Bytes();
    ParquetMetadata footer;
    try {
      ParquetFileWriter file =
          new ParquetFileWriter(
              bytes, schema, ParquetFileWriter.Mode.CREATE, Long.MAX_VALUE, 0, null, properties);
      file.start();
      if (!rows.isEmpty()) {
        ColumnChunkPageWriteStore pages =
            ColumnChunkPageWriteStore.builder()
                .withSchema(schema)
                .withAllocator(properties.getAllocator())
                .withCompressorProvider(descriptor -> codec)
                .build();
        ColumnWriteStore columns = properties.newColumnWriteStore(schema, pages, pages);
        List<ColumnDescriptor> descriptors = schema.getColumns();
        List<Types.NestedField> fields = table.schema().columns();
        for (int row = 0; row < rows.size(); row++) {
          List<Object> values = rows.get(row);
          for (int i = 0; i < descriptors.size(); i++) {
            ColumnDescriptor descriptor = descriptors.get(i);
            ColumnWriter writer = columns.getColumnWriter(descriptor);
            Object value = i < values.size() ? result.value(i, values.get(i)) : (long) row;
            if (value == null) {
              writer.writeNull(0, 0);
            } else {
              write(writer, descriptor, fields.get(i), value);
            }
          }
          columns.endRecord();
        }
        file.startBlock(rows.size());
        columns.flush();
        pages.flushToFileWriter(file);
        file.endBlock();
        columns.close();
        pages.close();
      }
      file.end(java.util.Map.of());
      footer = file.getFooter();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + location + ": " + e.getMessage(), e);
    }
    byte[] content = bytes.buffer.toByteArray();
    try (OutputStream out = table.io().newOutputFile(location).create()) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + location + ": " + e.getMessage(), e);
    }
    return DataFiles.builder(table.spec())
        .withPath(location)
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(content.length)
        .withMetrics(
            ParquetUtil.footerMetrics(footer, Stream.empty(), MetricsConfig.forTable(table)))
        .withSplitOffsets(ParquetUtil.getSplitOffsets(footer))
        .build();
  }

  private static void write(
      ColumnWriter writer, ColumnDescriptor descriptor, Types.NestedField field, Object value) {
    int level = descriptor.getMaxDefinitionLevel();
    PrimitiveType primitive = descriptor.getPrimitiveType();
    switch (field.type().typeId()) {
      case STRING ->
          writer.write(
              Binary.fromConstantByteArray(((String) value).getBytes(StandardCharsets.UTF_8)),
              0,
              level);
      case BOOLEAN -> writer.write((Boolean) value, 0, level);
      case INTEGER -> writer.write((Integer) value, 0, level);
      case LONG -> writer.write((Long) value, 0, level);
      case DOUBLE -> writer.write((Double) value, 0, level);
      case DATE -> writer.write((int) ((LocalDate) value).toEpochDay(), 0, level);
      case TIMESTAMP ->
          writer.write(ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) value), 0, level);
      case DECIMAL -> {
        BigInteger unscaled = ((BigDecimal) value).unscaledValue();
        switch (primitive.getPrimitiveTypeName()) {
          case INT32 -> writer.write(unscaled.intValueExact(), 0, level);
          case INT64 -> writer.write(unscaled.longValueExact(), 0, level);
          default -> writer.write(fixed(unscaled, primitive.getTypeLength()), 0, level);
        }
      }
      default -> throw new IllegalArgumentException("Cannot write a value of type " + field.type());
    }
  }

  /** Big-endian two's complement, sign-extended to exactly {@code length} bytes. */
  private static Binary fixed(BigInteger unscaled, int length) {
    byte[] minimal = unscaled.toByteArray();
    if (minimal.length > length) {
      throw new ArithmeticException("a decimal value does not fit in " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0x00);
    int offset = length - minimal.length;
    java.util.Arrays.fill(bytes, 0, offset, pad);
    System.arraycopy(minimal, 0, bytes, offset, minimal.length);
    return Binary.fromConstantByteArray(bytes);
  }

  /** Pages as they are: results are small, and no codec of parquet-java loads without Hadoop. */
  private static final class Uncompressed
      implements CompressionCodecFactory, CompressionCodecFactory.BytesInputCompressor {

    @Override
    public BytesInput compress(BytesInput bytes) {
      return bytes;
    }

    @Override
    public CompressionCodecName getCodecName() {
      return CompressionCodecName.UNCOMPRESSED;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
      return this;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
      throw new UnsupportedOperationException("Result files are only written here");
    }

    @Override
    public void release() {
      // nothing held
    }
  }

  /** A Parquet output file in memory. */
  private static final class Bytes extends StreamOutputFile {

    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Bytes() {
      super("memory");
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return buffer.size();
        }

        @Override
        public void write(int b) {
          buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          buffer.write(b, off, len);
        }
      };
    }
  }
}
