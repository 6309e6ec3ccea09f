package io.strata.core.current;

import io.strata.core.history.StreamOutputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of one partition of a current table as one ZSTD Parquet data file, with the table's
 * field ids and Iceberg's column metrics (bounds included, which later batches prune files with),
 * through Iceberg's generic value writers and parquet-column, without Hadoop.
 */
final class CurrentFileWriter {

  private static final long ROW_GROUP_BYTES = 64L * 1024 * 1024;
  private static final int ROWS_BETWEEN_CHECKS = 1_000;

  private CurrentFileWriter() {}

  /** Writes {@code rows} (all of {@code partition}) to {@code location}; its data file. */
  static DataFile write(Table table, StructLike partition, String location, List<Record> rows) {
    MessageType schema = ParquetSchemaUtil.convert(table.schema(), "table");
    ParquetProperties properties =
        ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withStatisticsEnabled(true)
            .build();
    ZstdPageCodec codec = new ZstdPageCodec();
    OutputFile out = table.io().newOutputFile(location);
    ParquetValueWriter<Record> values = GenericParquetWriter.create(table.schema(), schema);
    ParquetMetadata footer;
    long bytes;
    try (var stream = out.createOrOverwrite()) {
      PositionOutputStream position =
          new DelegatingPositionOutputStream(stream) {
            @Override
            public long getPos() throws IOException {
              return stream.getPos();
            }
          };
      ParquetFileWriter file =
          new ParquetFileWriter(
              StreamOutputFile.of(location, position),
              schema,
              ParquetFileWriter.Mode.CREATE,
              ROW_GROUP_BYTES,
              0,
              null,
              properties);
      file.start();
      int group = 0;
      int start = 0;
      while (start < rows.size()) {
        RowGroup rowGroup = new RowGroup(schema, properties, codec, group++);
        values.setColumnStore(rowGroup.columns);
        int end = start;
        while (end < rows.size()) {
          values.write(0, rows.get(end++));
          rowGroup.columns.endRecord();
          if ((end - start) % ROWS_BETWEEN_CHECKS == 0
              && rowGroup.columns.getBufferedSize() >= ROW_GROUP_BYTES) {
            break;
          }
        }
        file.startBlock(end - start);
        rowGroup.columns.flush();
        rowGroup.pages.flushToFileWriter(file);
        file.endBlock();
        rowGroup.columns.close();
        rowGroup.pages.close();
        start = end;
      }
      file.end(Map.of("strata.table", table.name()));
      footer = file.getFooter();
      bytes = stream.getPos();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write current file " + location, e);
    }
    PartitionSpec spec = table.spec();
    DataFiles.Builder dataFile =
        DataFiles.builder(spec)
            .withPath(location)
            .withFormat(FileFormat.PARQUET)
            .withFileSizeInBytes(bytes)
            .withMetrics(
                ParquetUtil.footerMetrics(footer, values.metrics(), MetricsConfig.forTable(table)))
            .withSplitOffsets(ParquetUtil.getSplitOffsets(footer));
    if (spec.isPartitioned()) {
      dataFile.withPartition(partition);
    }
    return dataFile.build();
  }

  /** The column and page stores of one row group. */
  private static final class RowGroup {
    final ColumnChunkPageWriteStore pages;
    final ColumnWriteStore columns;

    RowGroup(MessageType schema, ParquetProperties properties, ZstdPageCodec codec, int ordinal) {
      pages =
          ColumnChunkPageWriteStore.builder()
              .withSchema(schema)
              .withAllocator(properties.getAllocator())
              .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
              .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
              .withCompressorProvider(descriptor -> codec)
              .withRowGroupOrdinal(ordinal)
              .build();
      columns = properties.newColumnWriteStore(schema, pages, pages);
    }
  }
}
