package io.strata.core.ingest.split;

import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.SourceFormat;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Plans the split of one raw object: reads its first bytes (gzip? the CSV header), scans every
 * nominal range on the executor (ranged reads, one pass over each byte, no parsing) and hands the
 * scans to {@link SplitPlanner}. The scan reads the object once, at the store's speed; parsing,
 * validating and writing, several times slower, is what the workers share.
 */
public final class ObjectSplitter {

  /** How much of the object's start is read to find the header and the gzip magic bytes. */
  private static final int FIRST_BYTES = 1 << 20;

  private final ObjectStore store;
  private final Executor scanners;

  /**
   * @param scanners runs the scans of the nominal ranges; a direct executor scans them one by one
   */
  public ObjectSplitter(ObjectStore store, Executor scanners) {
    this.store = store;
    this.scanners = scanners;
  }

  /**
   * Plans the object's ranges.
   *
   * @throws io.strata.core.store.ObjectStoreException when the object cannot be read
   */
  public SplitDecision plan(
      RawObjectRef raw, long size, DatasetContract contract, String batchId, long rangeBytes) {
    byte[] first = read(raw, 0, Math.min(size, FIRST_BYTES));
    Optional<String> whole = SplitPlanner.whyWhole(contract, first);
    if (whole.isPresent()) {
      return SplitDecision.whole(whole.get());
    }
    boolean csv = contract.format() == SourceFormat.CSV;
    byte[] header = new byte[0];
    if (csv && contract.csv().header()) {
      Optional<byte[]> found = SplitPlanner.header(contract, first);
      if (found.isEmpty()) {
        return SplitDecision.whole(
            "the header is not the first line or is longer than " + FIRST_BYTES + " bytes");
      }
      header = found.get();
    }
    int quote = SplitPlanner.quoteByte(contract);
    List<CompletableFuture<RangeScan>> scans = new ArrayList<>();
    for (long[] nominal : SplitPlanner.nominal(size, rangeBytes)) {
      scans.add(
          CompletableFuture.supplyAsync(
              () -> scan(raw, size, nominal[0], nominal[1], quote), scanners));
    }
    List<RangeScan> done = new ArrayList<>();
    for (CompletableFuture<RangeScan> scan : scans) {
      try {
        done.add(scan.join());
      } catch (CompletionException e) {
        scans.forEach(s -> s.cancel(false));
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
    }
    return SplitPlanner.plan(contract.name(), batchId, size, done, header, csv);
  }

  private RangeScan scan(RawObjectRef raw, long size, long start, long end, int quote) {
    long readEnd = Math.min(size, end + 1);
    try (InputStream in = open(raw, start, readEnd)) {
      return RangeScanner.scan(in, start, end, quote);
    } catch (IOException e) {
      throw new ObjectStoreException("Cannot scan " + raw.uri() + ": " + e.getMessage(), e);
    }
  }

  private byte[] read(RawObjectRef raw, long start, long end) {
    try (InputStream in = open(raw, start, end)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ObjectStoreException("Cannot read " + raw.uri() + ": " + e.getMessage(), e);
    }
  }

  private InputStream open(RawObjectRef raw, long start, long end) {
    return store.openRange(raw.bucket(), raw.key(), raw.versionId(), raw.eTag(), start, end);
  }
}
