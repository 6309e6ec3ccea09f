package io.strata.core.history;

import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;

/**
 * One history Parquet file being streamed to the object store. Rows go straight into parquet-column
 * {@link ColumnWriter}s (no record-assembly layer); a row group is flushed to the object once its
 * buffered size reaches the configured bytes, so memory never grows with the file.
 */
final class HistoryFile {

  private static final int MIN_ROWS_BETWEEN_CHECKS = 100;
  private static final int MAX_ROWS_BETWEEN_CHECKS = 10_000;

  private final String bucket;
  private final String key;
  private final RowPartitioner.Partition partition;
  private final HistoryTarget target;
  private final HistoryLayout layout;
  private final long rowGroupBytes;
  private final ObjectWriter object;
  private final ParquetFileWriter fileWriter;
  private final ZstdCodecFactory codec = new ZstdCodecFactory();
  private final Binary batchId;
  private final long ingestedAt;
  private final Binary sourceKey;

  private ColumnChunkPageWriteStore pageStore;
  private ColumnWriteStore columnStore;
  private ColumnWriter[] writers;
  private int rowGroupOrdinal;
  private long rowsInGroup;
  private long nextSizeCheck = MIN_ROWS_BETWEEN_CHECKS;
  private long rows;

  HistoryFile(
      ObjectStore store,
      String bucket,
      String key,
      RowPartitioner.Partition partition,
      HistoryLayout layout,
      HistoryTarget target,
      BatchInfo batch,
      long rowGroupBytes) {
    this.bucket = bucket;
    this.key = key;
    this.partition = partition;
    this.target = target;
    this.layout = layout;
    this.rowGroupBytes = rowGroupBytes;
    this.batchId = ValueEncoder.utf8(batch.batchId());
    this.ingestedAt = ValueEncoder.micros(batch.ingestedAt());
    this.sourceKey = ValueEncoder.utf8(batch.sourceKey());
    this.object = store.create(bucket, key, HistoryWriter.CONTENT_TYPE);
    try {
      this.fileWriter =
          new ParquetFileWriter(
              new ObjectOutputFile(object, "s3://" + bucket + "/" + key),
              layout.schema(),
              ParquetFileWriter.Mode.CREATE,
              rowGroupBytes,
              0,
              null,
              layout.properties());
      fileWriter.start();
      startRowGroup();
    } catch (IOException | RuntimeException e) {
      object.abort();
      throw wrap(e);
    }
  }

  String key() {
    return key;
  }

  long rows() {
    return rows;
  }

  /** Appends one row, given its typed values in contract order. */
  void write(Object[] values, long sourceLine) {
    ValueEncoder[] encoders = layout.encoders();
    int[] stored = layout.storedColumns();
    int[] maxDefinition = layout.maxDefinitionLevels();
    for (int i = 0; i < encoders.length; i++) {
      Object value = values[stored[i]];
      if (value == null) {
        writers[i].writeNull(0, 0);
      } else {
        encoders[i].write(writers[i], value, maxDefinition[i]);
      }
    }
    int lineage = encoders.length;
    writers[lineage].write(batchId, 0, 0);
    writers[lineage + 1].write(ingestedAt, 0, 0);
    writers[lineage + 2].write(sourceKey, 0, 0);
    writers[lineage + 3].write(sourceLine, 0, 0);
    columnStore.endRecord();
    rows++;
    rowsInGroup++;
    if (rowsInGroup >= nextSizeCheck) {
      checkRowGroupSize();
    }
  }

  /** A file once complete: what the manifest lists, and what the table commit registers. */
  record Closed(WrittenFile written, DataFile dataFile) {}

  /**
   * Writes the footer and commits the object; its Iceberg data file carries the partition and the
   * column metrics (value, null and NaN counts, lower and upper bounds) of the footer just written.
   */
  Closed close() {
    ParquetMetadata footer;
    try {
      flushRowGroup();
      fileWriter.end(layout.footerMetadata());
      footer = fileWriter.getFooter();
      object.close();
    } catch (IOException | RuntimeException e) {
      abort();
      throw wrap(e);
    }
    codec.release();
    long bytes = object.bytesWritten();
    DataFiles.Builder dataFile =
        DataFiles.builder(target.spec())
            .withPath("s3://" + bucket + "/" + key)
            .withFormat(FileFormat.PARQUET)
            .withFileSizeInBytes(bytes)
            .withMetrics(ParquetUtil.footerMetrics(footer, Stream.empty(), target.metrics()))
            .withSplitOffsets(ParquetUtil.getSplitOffsets(footer));
    if (partition.data() != null) {
      dataFile.withPartition(partition.data());
    }
    return new Closed(new WrittenFile(key, partition.path(), rows, bytes), dataFile.build());
  }

  /** Discards the object; safe after a failure. */
  void abort() {
    try {
      if (columnStore != null) {
        columnStore.close();
        pageStore.close();
      }
    } catch (RuntimeException e) {
      // The buffers are garbage either way; the object is discarded below.
    } finally {
      columnStore = null;
      object.abort();
      codec.release();
    }
  }

  private void checkRowGroupSize() {
    long buffered = columnStore.getBufferedSize();
    if (buffered >= rowGroupBytes) {
      try {
        flushRowGroup();
        startRowGroup();
      } catch (IOException e) {
        throw wrap(e);
      }
      nextSizeCheck = MIN_ROWS_BETWEEN_CHECKS;
      return;
    }
    long bytesPerRow = Math.max(1, buffered / rowsInGroup);
    long rowsToLimit = (rowGroupBytes - buffered) / bytesPerRow;
    nextSizeCheck =
        rowsInGroup
            + Math.max(MIN_ROWS_BETWEEN_CHECKS, Math.min(MAX_ROWS_BETWEEN_CHECKS, rowsToLimit / 2));
  }

  private void startRowGroup() {
    pageStore =
        ColumnChunkPageWriteStore.builder()
            .withSchema(layout.schema())
            .withAllocator(layout.properties().getAllocator())
            .withColumnIndexTruncateLength(layout.properties().getColumnIndexTruncateLength())
            .withPageWriteChecksumEnabled(layout.properties().getPageWriteChecksumEnabled())
            .withCompressorProvider(descriptor -> codec)
            .withRowGroupOrdinal(rowGroupOrdinal)
            .build();
    columnStore = layout.properties().newColumnWriteStore(layout.schema(), pageStore, pageStore);
    List<ColumnDescriptor> columns = layout.schema().getColumns();
    writers = new ColumnWriter[columns.size()];
    for (int i = 0; i < writers.length; i++) {
      writers[i] = columnStore.getColumnWriter(columns.get(i));
    }
    rowsInGroup = 0;
  }

  private void flushRowGroup() throws IOException {
    try {
      if (rowsInGroup > 0) {
        fileWriter.startBlock(rowsInGroup);
        columnStore.flush();
        pageStore.flushToFileWriter(fileWriter);
        fileWriter.endBlock();
        rowGroupOrdinal++;
      }
    } finally {
      columnStore.close();
      pageStore.close();
      columnStore = null;
    }
  }

  private RuntimeException wrap(Exception e) {
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    return new UncheckedIOException(
        "Cannot write history file s3://" + bucket + "/" + key + ": " + e.getMessage(),
        (IOException) e);
  }
}
