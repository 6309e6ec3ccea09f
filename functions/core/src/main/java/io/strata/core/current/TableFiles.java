package io.strata.core.current;

import io.strata.core.history.StreamInputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.iceberg.parquet.ParquetValueReader;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the rows of a table's Parquet data file as Iceberg generic records, without Hadoop: the
 * file is opened through the table's {@link FileIO} and decoded by Iceberg's generic Parquet value
 * readers, which match columns by field id, give null for a column the file predates and widen
 * types as the table's schema says. Only the columns of {@code projection} are read.
 */
final class TableFiles {

  private TableFiles() {}

  /** Every row of the file, as {@code projection} types them. */
  static List<Record> read(FileIO io, String location, Schema projection) {
    List<Record> rows = new ArrayList<>();
    ParquetReadOptions options = ReadOptions.with(new ZstdPageCodec());
    try (ParquetFileReader reader =
        ParquetFileReader.open(StreamInputFile.of(io.newInputFile(location)), options)) {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      MessageType requested = ParquetSchemaUtil.pruneColumns(fileSchema, projection);
      reader.setRequestedSchema(requested);
      ParquetValueReader<Record> values = GenericParquetReaders.buildReader(projection, requested);
      for (PageReadStore pages = reader.readNextRowGroup();
          pages != null;
          pages = reader.readNextRowGroup()) {
        values.setPageSource(pages);
        for (long i = 0; i < pages.getRowCount(); i++) {
          rows.add(values.read(null));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read data file " + location + ": " + e.getMessage(), e);
    }
    return rows;
  }
}
