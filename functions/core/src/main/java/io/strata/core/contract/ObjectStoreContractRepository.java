package io.strata.core.contract;

import io.strata.core.store.ObjectNotFoundException;
import io.strata.core.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Contracts kept as objects {@code <prefix><dataset>.yaml} in a bucket (deployed there by the
 * infrastructure), so onboarding a dataset needs no new function build. The prefix is used as given
 * (e.g. {@code "datasets/"}). Names that are not lower snake case are not found. Loaded contracts
 * are cached for the life of the repository (a Lambda container); unknown datasets are looked up
 * again on every call.
 */
public final class ObjectStoreContractRepository implements ContractRepository {

  private final ObjectStore store;
  private final String bucket;
  private final String prefix;
  private final Map<String, DatasetContract> cache = new ConcurrentHashMap<>();

  public ObjectStoreContractRepository(ObjectStore store, String bucket, String prefix) {
    this.store = Objects.requireNonNull(store, "store");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.prefix = prefix == null ? "" : prefix;
  }

  @Override
  public Optional<DatasetContract> find(String dataset) {
    if (!DatasetNames.isDatasetName(dataset)) {
      return Optional.empty();
    }
    DatasetContract cached = cache.get(dataset);
    if (cached != null) {
      return Optional.of(cached);
    }
    String fileName = dataset + ".yaml";
    DatasetContract contract;
    try (InputStream in = store.open(bucket, prefix + fileName)) {
      contract = ContractLoader.parse(fileName, in);
    } catch (ObjectNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read contract s3://" + bucket + "/" + prefix + fileName, e);
    }
    cache.putIfAbsent(dataset, contract);
    return Optional.of(contract);
  }

  @Override
  public List<String> names() {
    return store.list(bucket, prefix).stream()
        .map(o -> o.key().substring(prefix.length()))
        .filter(n -> n.endsWith(".yaml") && n.indexOf('/') < 0)
        .map(n -> n.substring(0, n.length() - ".yaml".length()))
        .filter(DatasetNames::isDatasetName)
        .sorted()
        .toList();
  }
}
