package io.strata.core.maintenance;

import java.util.Objects;
import org.apache.iceberg.DataFile;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * A small data file that compaction may gather, with its Parquet footer (read once: its schema
 * decides which files may share a compacted file, its row groups are what is copied).
 *
 * @param partition the partition's folder as Iceberg names it, with the spec id in front so that
 *     files of different specs never share a compacted file
 */
record CompactionCandidate(DataFile file, String partition, ParquetMetadata footer) {

  CompactionCandidate {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(footer, "footer");
  }

  long bytes() {
    return file.fileSizeInBytes();
  }
}
