package io.strata.core.ingest;

import io.strata.core.contract.DatasetContract;
import io.strata.core.ingest.split.RangeResult;
import io.strata.core.ingest.split.SplitPlan;
import io.strata.core.quality.BatchProfiler;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The working files of one object ingested in byte ranges, under {@code
 * _split/<dataset>/<batch-id>/} in the history bucket (hidden from engines by its '_'): the plan,
 * per range its result, sorted keys, rejects part and the lines an earlier range owns the key of.
 * They let the steps of the fan-out run in different processes (Step Functions) and be retried; the
 * commit deletes them once the batch manifest is written.
 */
final class SplitWork {

  private final ObjectStore store;
  private final String bucket;
  private final String prefix;

  SplitWork(ObjectStore store, LakeLayout layout, String dataset, String batchId) {
    this.store = store;
    this.bucket = layout.historyBucket();
    this.prefix = prefix(dataset, batchId);
  }

  static String prefix(String dataset, String batchId) {
    return "_split/" + dataset + "/" + batchId + "/";
  }

  String bucket() {
    return bucket;
  }

  void putPlan(SplitPlan plan) {
    store.put(bucket, prefix + "plan.json", LakeJson.line(plan), "application/json");
  }

  Optional<SplitPlan> plan() {
    return read(prefix + "plan.json", SplitPlan.class);
  }

  void putResult(RangeResult result) {
    store.put(bucket, resultKey(result.index()), LakeJson.line(result), "application/json");
  }

  Optional<RangeResult> result(int index) {
    return read(resultKey(index), RangeResult.class);
  }

  String rejectsKey(int index) {
    return prefix + name("rejects", index) + ".jsonl";
  }

  String keysKey(int index) {
    return prefix + name("keys", index) + ".bin";
  }

  /** Keeps the profile of the rows the range wrote; its key goes into the range's result. */
  String putProfile(int index, BatchProfiler profiler) {
    String key = prefix + name("profile", index) + ".bin";
    store.put(bucket, key, profiler.toBytes(), "application/octet-stream");
    return key;
  }

  /** The profile of the rows a range wrote, for the contract it profiled. */
  BatchProfiler profile(DatasetContract contract, RangeResult result) {
    try (InputStream in = store.open(bucket, result.profileKey())) {
      return BatchProfiler.fromBytes(contract, in.readAllBytes());
    } catch (IOException e) {
      throw new ObjectStoreException(
          ObjectStoreException.message("read", bucket, result.profileKey(), e.getMessage()), e);
    }
  }

  /** Where the keys of the range are, or null when it wrote none. */
  InputStream openKeys(RangeResult result) {
    return result.keysKey() == null ? null : store.open(bucket, result.keysKey());
  }

  void putDuplicates(int index, long[] lines) {
    try (var bytes = new java.io.ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(lines.length);
      for (long line : lines) {
        out.writeLong(line);
      }
      out.flush();
      store.put(bucket, duplicatesKey(index), bytes.toByteArray(), "application/octet-stream");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines whose key an earlier range holds, sorted; empty before the key check found any. */
  long[] duplicates(int index) {
    if (store.head(bucket, duplicatesKey(index)).isEmpty()) {
      return new long[0];
    }
    try (InputStream in = store.open(bucket, duplicatesKey(index));
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(in.readAllBytes()))) {
      long[] lines = new long[data.readInt()];
      for (int i = 0; i < lines.length; i++) {
        lines[i] = data.readLong();
      }
      return lines;
    } catch (IOException e) {
      throw new ObjectStoreException(
          ObjectStoreException.message("read", bucket, duplicatesKey(index), e.getMessage()), e);
    }
  }

  /** Deletes every working file of the object. */
  void clear() {
    for (ObjectInfo info : store.list(bucket, prefix)) {
      store.delete(bucket, info.key());
    }
  }

  private String resultKey(int index) {
    return prefix + name("range", index) + ".json";
  }

  private String duplicatesKey(int index) {
    return prefix + name("duplicates", index) + ".bin";
  }

  private static String name(String kind, int index) {
    return String.format(Locale.ROOT, "%s-%05d", kind, index);
  }

  private <T> Optional<T> read(String key, Class<T> type) {
    if (store.head(bucket, key).isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = store.open(bucket, key)) {
      return Optional.of(LakeJson.mapper().readValue(in, type));
    } catch (IOException e) {
      throw new ObjectStoreException(
          ObjectStoreException.message("read", bucket, key, e.getMessage()), e);
    }
  }
}
