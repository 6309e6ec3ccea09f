package io.strata.core.contract;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What a repository read of each contract, kept per revision of its file: a contract is read again
 * only when its revision (a file's time and size, an object's ETag) changed, and the revision is
 * looked at no more often than once per check interval. A broken contract is kept as its failure,
 * so it is neither parsed again nor logged again until its file changes.
 */
final class ContractCache {

  /** Where a repository keeps its contract files. */
  interface Files {

    /** The revision of {@code <dataset>.yaml}, or empty when there is no such file. */
    Optional<String> revision(String dataset);

    /**
     * Reads {@code <dataset>.yaml} as it is at this revision.
     *
     * @throws ContractException if it does not hold a valid contract
     */
    DatasetContract load(String dataset, String revision);
  }

  /** One dataset as last looked at; {@code revision} null when no file existed. */
  private record Entry(
      String revision, DatasetContract contract, ContractException failure, long checkedAt) {

    boolean loaded() {
      return contract != null || failure != null;
    }

    Entry checkedAt(long now) {
      return new Entry(revision, contract, failure, now);
    }
  }

  private final Files files;
  private final long checkIntervalNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  ContractCache(Files files, Duration checkInterval, LongSupplier nanoClock) {
    this.files = Objects.requireNonNull(files, "files");
    if (checkInterval.isNegative()) {
      throw new IllegalArgumentException(
          "Cannot create contract cache: check interval " + checkInterval + " is negative");
    }
    this.checkIntervalNanos = checkInterval.toNanos();
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** The dataset's contract as of its current revision. */
  Optional<DatasetContract> find(String dataset) {
    Entry entry = current(dataset);
    if (entry.revision() == null) {
      return Optional.empty();
    }
    if (!entry.loaded()) {
      Entry loaded;
      try {
        loaded =
            new Entry(
                entry.revision(), files.load(dataset, entry.revision()), null, entry.checkedAt());
      } catch (ContractException e) {
        loaded = new Entry(entry.revision(), null, e, entry.checkedAt());
      }
      entries.merge(dataset, loaded, (old, fresh) -> sameRevision(old, fresh) ? fresh : old);
      entry = loaded;
    }
    if (entry.failure() != null) {
      throw entry.failure();
    }
    return Optional.of(entry.contract());
  }

  /** The revision of the dataset's contract file, or empty when it has none. */
  Optional<String> revision(String dataset) {
    return Optional.ofNullable(current(dataset).revision());
  }

  /**
   * Takes note of a revision seen without asking for it (in a listing, which gives every object's
   * ETag at once), so that the next look at the dataset needs no request of its own.
   */
  void observed(String dataset, String revision) {
    long now = nanoClock.getAsLong();
    entries.compute(
        dataset,
        (name, old) ->
            old != null && Objects.equals(old.revision(), revision)
                ? old.checkedAt(now)
                : new Entry(revision, null, null, now));
  }

  private Entry current(String dataset) {
    long now = nanoClock.getAsLong();
    Entry entry = entries.get(dataset);
    if (entry != null && now - entry.checkedAt() < checkIntervalNanos) {
      return entry;
    }
    String revision = files.revision(dataset).orElse(null);
    Entry fresh =
        entry != null && Objects.equals(entry.revision(), revision)
            ? entry.checkedAt(now)
            : new Entry(revision, null, null, now);
    entries.put(dataset, fresh);
    return fresh;
  }

  private static boolean sameRevision(Entry old, Entry fresh) {
    return Objects.equals(old.revision(), fresh.revision());
  }
}
