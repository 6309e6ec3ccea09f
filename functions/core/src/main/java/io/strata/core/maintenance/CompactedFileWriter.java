package io.strata.core.maintenance;

import io.strata.core.history.StreamInputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Table;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one compacted file from a group of small files of the same Parquet schema by copying their
 * row groups byte for byte: every column chunk keeps its pages, encodings, statistics (the min/max
 * of every chunk), column and offset indexes, so no value of a row or of its lineage columns can
 * change, and nothing is decoded or compressed again. Row groups stay the size their batch wrote
 * them; Bloom filters, which Strata never writes, are not carried over. The file's Iceberg metrics
 * are those of the footer just written, as for a batch's own files.
 */
final class CompactedFileWriter {

  private CompactedFileWriter() {}

  /**
   * Writes the group's rows to {@code location} and returns its data file, in the partition of the
   * group's files. On failure the partial file is deleted.
   */
  static DataFile write(Table table, List<CompactionCandidate> group, String location) {
    CompactionCandidate first = group.get(0);
    MessageType schema = first.footer().getFileMetaData().getSchema();
    ParquetIo.CountingOutput output =
        new ParquetIo.CountingOutput(table.io().newOutputFile(location));
    ParquetMetadata footer;
    try {
      ParquetFileWriter writer =
          new ParquetFileWriter(
              output,
              schema,
              ParquetFileWriter.Mode.CREATE,
              128L << 20,
              0,
              null,
              ParquetProperties.builder().build());
      writer.start();
      for (CompactionCandidate file : group) {
        copyRowGroups(table, file, writer);
      }
      writer.end(keyValueMetadata(group));
      footer = writer.getFooter();
    } catch (IOException | RuntimeException e) {
      deleteQuietly(table, location);
      throw new UncheckedIOException(
          "Cannot write compacted file " + location + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
    try {
      return DataFiles.builder(table.specs().get(first.file().specId()))
          .withPath(location)
          .withFormat(FileFormat.PARQUET)
          .withFileSizeInBytes(output.length())
          .withMetrics(
              ParquetUtil.footerMetrics(footer, Stream.empty(), MetricsConfig.forTable(table)))
          .withSplitOffsets(ParquetUtil.getSplitOffsets(footer))
          .withPartition(first.file().partition())
          .build();
    } catch (IOException e) {
      deleteQuietly(table, location);
      throw new UncheckedIOException("Cannot size compacted file " + location, e);
    }
  }

  private static void copyRowGroups(Table table, CompactionCandidate file, ParquetFileWriter writer)
      throws IOException {
    InputFile input =
        StreamInputFile.of(
            table.io().newInputFile(file.file().location(), file.file().fileSizeInBytes()));
    try (SeekableInputStream stream = input.newStream()) {
      MessageType schema = file.footer().getFileMetaData().getSchema();
      for (BlockMetaData rowGroup : file.footer().getBlocks()) {
        writer.startBlock(rowGroup.getRowCount());
        for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
          // Indexes first: the chunk's copy leaves the stream wherever it ends.
          var columnIndex = ParquetIo.columnIndex(stream, chunk);
          var offsetIndex = ParquetIo.offsetIndex(stream, chunk);
          writer.appendColumnChunk(
              schema.getColumnDescription(chunk.getPath().toArray()),
              stream,
              chunk,
              null,
              columnIndex,
              offsetIndex);
        }
        writer.endBlock();
      }
    }
  }

  /**
   * The footer's key-value metadata: what every gathered file says alike (the dataset, and the
   * contract version when all were written under the same one); a key on which files differ is left
   * out rather than made to speak for all of them.
   */
  static Map<String, String> keyValueMetadata(List<CompactionCandidate> group) {
    Map<String, String> common =
        new LinkedHashMap<>(group.get(0).footer().getFileMetaData().getKeyValueMetaData());
    for (CompactionCandidate file : group.subList(1, group.size())) {
      Map<String, String> other =
          new HashMap<>(file.footer().getFileMetaData().getKeyValueMetaData());
      common.entrySet().removeIf(e -> !Objects.equals(other.get(e.getKey()), e.getValue()));
    }
    return common;
  }

  private static void deleteQuietly(Table table, String location) {
    try {
      table.io().deleteFile(location);
    } catch (RuntimeException e) {
      // Never committed, so never read: at worst an orphan file, which orphan cleanup removes.
    }
  }
}
