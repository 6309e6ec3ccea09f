package io.strata.core.maintenance;

/**
 * What one compaction of a table did.
 *
 * @param filesBefore data files in the snapshot planned
 * @param filesAfter data files that snapshot's rows are in now (before any batch committed since)
 * @param bytesRewritten the size of the small files replaced
 * @param bytesWritten the size of the compacted files that replace them
 * @param filesWithDeletes data files left alone because row deletes apply to them
 * @param snapshotId the replace snapshot committed, or null when nothing was worth rewriting
 */
public record CompactionResult(
    String table,
    int filesBefore,
    int filesAfter,
    long bytesRewritten,
    long bytesWritten,
    int filesWithDeletes,
    Long snapshotId) {

  /** A table with nothing to compact. */
  static CompactionResult nothing(String table, int files, int filesWithDeletes) {
    return new CompactionResult(table, files, files, 0, 0, filesWithDeletes, null);
  }

  /** True when a replace snapshot was committed. */
  public boolean compacted() {
    return snapshotId != null;
  }
}
