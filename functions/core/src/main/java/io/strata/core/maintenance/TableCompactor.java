package io.strata.core.maintenance;

import io.strata.core.history.StreamInputFile;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.TableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts a table's small data files per partition (see {@link CompactionPlanner}) and commits
 * them as one Iceberg {@code replace} snapshot through {@code RewriteFiles}, validated from the
 * snapshot planned: the small files must still be there and no row delete may have touched them
 * since. Batches appended meanwhile do not conflict (a batch's append validates only against data
 * added, which a rewrite does not add), so both land. Files with row deletes are left alone: their
 * rows are not what their bytes say. Every earlier snapshot keeps its own files, so time travel
 * reads exactly what it read before.
 */
public final class TableCompactor {

  /** Snapshot summary key naming a compaction, to settle a commit with an unknown outcome. */
  public static final String COMPACTION_ID = "strata.compaction-id";

  private static final Logger LOG = LoggerFactory.getLogger(TableCompactor.class);

  private final CompactionSettings settings;
  private final CommitRetry retry;

  public TableCompactor(CompactionSettings settings, CommitRetry retry) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /**
   * Compacts the table's current snapshot.
   *
   * @throws TableException when the files cannot be read or written, the commit's validation fails
   *     (another compaction or a delete came first; the next run plans again), or other writers won
   *     every try; the files written are deleted unless the commit's outcome is unknown
   */
  public CompactionResult compact(Table table) {
    table.refresh();
    Snapshot planned = table.currentSnapshot();
    if (planned == null) {
      return CompactionResult.nothing(table.name(), 0, 0);
    }
    List<CompactionCandidate> candidates = new ArrayList<>();
    int files = 0;
    int withDeletes = 0;
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(planned.snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        files++;
        DataFile file = task.file();
        if (!task.deletes().isEmpty()) {
          withDeletes++;
        } else if (file.format() == FileFormat.PARQUET
            && file.fileSizeInBytes() < settings.smallFileBytes()) {
          candidates.add(candidate(table, file));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new TableException(
          "Cannot plan the compaction of table " + table.name() + ": " + e.getMessage(), e);
    }
    if (withDeletes > 0) {
      LOG.info(
          "Compaction of table {} leaves {} data files alone: row deletes apply to them",
          table.name(),
          withDeletes);
    }
    List<List<CompactionCandidate>> groups = CompactionPlanner.groups(candidates, settings);
    if (groups.isEmpty()) {
      return CompactionResult.nothing(table.name(), files, withDeletes);
    }
    return rewrite(table, planned, groups, files, withDeletes);
  }

  private CompactionResult rewrite(
      Table table,
      Snapshot planned,
      List<List<CompactionCandidate>> groups,
      int files,
      int withDeletes) {
    String compactionId = UUID.randomUUID().toString();
    List<DataFile> replaced = new ArrayList<>();
    List<DataFile> written = new ArrayList<>();
    try {
      for (int i = 0; i < groups.size(); i++) {
        List<CompactionCandidate> group = groups.get(i);
        DataFile first = group.get(0).file();
        PartitionSpec spec = table.specs().get(first.specId());
        String location =
            table
                .locationProvider()
                .newDataLocation(
                    spec, first.partition(), "compacted-" + compactionId + "-" + i + ".parquet");
        written.add(CompactedFileWriter.write(table, group, location));
        group.forEach(c -> replaced.add(c.file()));
      }
    } catch (RuntimeException e) {
      deleteAll(table, written);
      throw new TableException("Cannot compact table " + table.name() + ": " + e.getMessage(), e);
    }
    Snapshot snapshot = commit(table, planned, compactionId, replaced, written);
    long bytesRewritten = replaced.stream().mapToLong(DataFile::fileSizeInBytes).sum();
    long bytesWritten = written.stream().mapToLong(DataFile::fileSizeInBytes).sum();
    LOG.info(
        "Compacted table {}: {} small files ({} bytes) into {} ({} bytes), snapshot {}",
        table.name(),
        replaced.size(),
        bytesRewritten,
        written.size(),
        bytesWritten,
        snapshot.snapshotId());
    return new CompactionResult(
        table.name(),
        files,
        files - replaced.size() + written.size(),
        bytesRewritten,
        bytesWritten,
        withDeletes,
        snapshot.snapshotId());
  }

  private Snapshot commit(
      Table table,
      Snapshot planned,
      String compactionId,
      List<DataFile> replaced,
      List<DataFile> written) {
    for (int attempt = 1; ; attempt++) {
      try {
        RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(planned.snapshotId());
        replaced.forEach(rewrite::deleteFile);
        written.forEach(rewrite::addFile);
        rewrite.set(COMPACTION_ID, compactionId);
        rewrite.commit();
        return committed(table, compactionId)
            .orElseThrow(() -> new TableException("Cannot find the compaction just committed"));
      } catch (CommitFailedException e) {
        if (attempt >= retry.attempts()) {
          deleteAll(table, written);
          throw new TableException(
              "Cannot compact table "
                  + table.name()
                  + ": other writers committed first in each of "
                  + attempt
                  + " tries",
              e);
        }
        retry.pause(attempt, "compaction of table " + table.name());
      } catch (CommitStateUnknownException e) {
        table.refresh();
        Optional<Snapshot> landed = committed(table, compactionId);
        if (landed.isPresent()) {
          return landed.get();
        }
        if (attempt >= retry.attempts()) {
          // The files may yet be referenced by a commit the catalog never confirmed: keep them.
          throw new TableException(
              "Cannot compact table "
                  + table.name()
                  + ": the catalog never confirmed the commit in "
                  + attempt
                  + " tries",
              e);
        }
      } catch (ValidationException e) {
        deleteAll(table, written);
        throw new TableException(
            "Cannot compact table "
                + table.name()
                + ": the table changed under the files planned ("
                + e.getMessage()
                + "); the next run plans again",
            e);
      } catch (TableException e) {
        throw e;
      } catch (RuntimeException e) {
        deleteAll(table, written);
        throw new TableException("Cannot compact table " + table.name() + ": " + e.getMessage(), e);
      }
    }
  }

  private static Optional<Snapshot> committed(Table table, String compactionId) {
    for (Snapshot snapshot : table.snapshots()) {
      if (compactionId.equals(snapshot.summary().get(COMPACTION_ID))) {
        return Optional.of(snapshot);
      }
    }
    return Optional.empty();
  }

  private static CompactionCandidate candidate(Table table, DataFile file) throws IOException {
    var input =
        StreamInputFile.of(table.io().newInputFile(file.location(), file.fileSizeInBytes()));
    ParquetMetadata footer = ParquetIo.footer(input);
    PartitionSpec spec = table.specs().get(file.specId());
    return new CompactionCandidate(
        file, file.specId() + "/" + spec.partitionToPath(file.partition()), footer);
  }

  private static void deleteAll(Table table, List<DataFile> files) {
    for (DataFile file : files) {
      try {
        table.io().deleteFile(file.location());
      } catch (RuntimeException e) {
        LOG.warn("Cannot delete uncommitted compacted file {}: {}", file.location(), e.toString());
      }
    }
  }
}
