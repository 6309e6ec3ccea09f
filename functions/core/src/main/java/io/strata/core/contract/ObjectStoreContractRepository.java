package io.strata.core.contract;

import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectNotFoundException;
import io.strata.core.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Contracts kept as objects {@code <prefix><dataset>.yaml} in a bucket (deployed there by the
 * infrastructure), so onboarding a dataset needs no new function build. The prefix is used as given
 * (e.g. {@code "datasets/"}). Names that are not lower snake case are not found. A contract is read
 * again when its ETag changed, looked at (a HEAD, or the ETags of a listing) no more often than
 * once per check interval.
 */
public final class ObjectStoreContractRepository extends FileContractRepository {

  private final ObjectStore store;
  private final String bucket;
  private final String prefix;

  public ObjectStoreContractRepository(ObjectStore store, String bucket, String prefix) {
    this(store, bucket, prefix, DEFAULT_CHECK_INTERVAL);
  }

  public ObjectStoreContractRepository(
      ObjectStore store, String bucket, String prefix, Duration checkInterval) {
    super(
        new ContractObjects(
            Objects.requireNonNull(store, "store"),
            Objects.requireNonNull(bucket, "bucket"),
            prefix == null ? "" : prefix),
        checkInterval);
    this.store = store;
    this.bucket = bucket;
    this.prefix = prefix == null ? "" : prefix;
  }

  @Override
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (ObjectInfo object : store.list(bucket, prefix)) {
      String fileName = object.key().substring(prefix.length());
      if (!fileName.endsWith(".yaml") || fileName.indexOf('/') >= 0) {
        continue;
      }
      String name = fileName.substring(0, fileName.length() - ".yaml".length());
      if (DatasetNames.isDatasetName(name)) {
        names.add(name);
        cache.observed(name, FileRevision.of(object));
      }
    }
    return names.stream().sorted().toList();
  }

  /** The objects under the prefix. */
  private record ContractObjects(ObjectStore store, String bucket, String prefix)
      implements ContractCache.Files {

    @Override
    public Optional<String> revision(String dataset) {
      return store.head(bucket, prefix + dataset + ".yaml").map(FileRevision::of);
    }

    @Override
    public DatasetContract load(String dataset, String revision) {
      String fileName = dataset + ".yaml";
      try (InputStream in = store.open(bucket, prefix + fileName)) {
        return ContractLoader.parse(fileName, in);
      } catch (ObjectNotFoundException e) {
        throw new ContractException("Cannot load contract " + fileName + ": it was deleted", e);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read contract s3://" + bucket + "/" + prefix + fileName, e);
      }
    }
  }
}
