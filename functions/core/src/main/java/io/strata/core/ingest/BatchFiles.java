package io.strata.core.ingest;

import io.strata.core.history.WrittenFile;
import io.strata.core.table.S3Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/** The files a batch's snapshot appended, as its manifest lists them. */
final class BatchFiles {

  private BatchFiles() {}

  static List<WrittenFile> of(Table table, Snapshot snapshot) {
    List<WrittenFile> files = new ArrayList<>();
    for (DataFile file : snapshot.addedDataFiles(table.io())) {
      PartitionSpec spec = table.specs().get(file.specId());
      String partition = spec.isUnpartitioned() ? "" : spec.partitionToPath(file.partition());
      files.add(
          new WrittenFile(
              S3Location.of(file.location()).key(),
              partition,
              file.recordCount(),
              file.fileSizeInBytes()));
    }
    files.sort(Comparator.comparing(WrittenFile::key));
    return files;
  }
}
