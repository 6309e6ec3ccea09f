package io.strata.core.catalog;

import io.strata.core.contract.DatasetContract;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a dataset's table and partitions registered in the catalog as batches commit: creates the
 * table on first use, evolves it under the contract's policy with optimistic concurrency (re-read
 * and retry when another writer changed it first, so no writer's column is lost), and registers new
 * partitions unless Athena projects them. Thread-safe.
 */
public final class CatalogRegistrar {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogRegistrar.class);

  private final Catalog catalog;
  private final String historyBucket;
  private final CatalogRetry retry;

  public CatalogRegistrar(Catalog catalog, String historyBucket, CatalogRetry retry) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.historyBucket = Objects.requireNonNull(historyBucket, "historyBucket");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /**
   * Makes the stored table serve the contract: creates it if missing, updates it if the contract
   * adds to it, leaves it alone otherwise.
   *
   * @return the contract's own table definition (what its batches write)
   * @throws SchemaChangeRefusedException when the contract's policy refuses the change; nothing was
   *     changed
   * @throws CatalogException when the catalog fails, or other writers kept winning every try
   */
  public CatalogTable ensureTable(DatasetContract contract) {
    CatalogTable wanted = CatalogTableMapper.forContract(contract, historyBucket);
    for (int attempt = 1; ; attempt++) {
      try {
        tryEnsure(wanted, contract);
        return wanted;
      } catch (CatalogConflictException e) {
        if (attempt >= retry.attempts()) {
          throw new CatalogException(
              "Cannot register table "
                  + contract.name()
                  + ": other writers changed it during each of "
                  + attempt
                  + " tries",
              e);
        }
        LOG.info(
            "Table {} changed while registering contract v{}, retrying (try {})",
            contract.name(),
            contract.version(),
            attempt + 1);
        retry.pause(attempt, "catalog write");
      }
    }
  }

  /** One try; throws a conflict when another writer got there first. */
  private void tryEnsure(CatalogTable wanted, DatasetContract contract) {
    Optional<CatalogTable> stored = catalog.table(wanted.name());
    if (stored.isEmpty()) {
      catalog.createTable(wanted);
      LOG.info("Created table {} for contract v{}", wanted.name(), contract.version());
      return;
    }
    TableChange change = TableEvolution.decide(stored.get(), wanted, contract);
    if (change instanceof TableChange.Refused refused) {
      throw new SchemaChangeRefusedException(
          "Cannot register contract "
              + contract.name()
              + " v"
              + contract.version()
              + " in the catalog: "
              + refused.reason());
    }
    if (change instanceof TableChange.Update update) {
      catalog.updateTable(update.table());
      LOG.info("Updated table {}: {}", wanted.name(), update.summary());
    }
  }

  /**
   * Registers the partitions a batch wrote (Hive paths such as {@code booking_date=2024-03-01});
   * nothing to do for a projected table. Partitions that exist already count as registered.
   *
   * @param table the table {@link #ensureTable} returned for the batch's contract
   * @throws CatalogException when any partition could not be registered
   */
  public void registerPartitions(CatalogTable table, List<String> partitionPaths) {
    if (table.projected() || table.partitionKeys().isEmpty()) {
      return;
    }
    List<CatalogPartition> partitions = CatalogTableMapper.partitions(table, partitionPaths);
    if (!partitions.isEmpty()) {
      catalog.addPartitions(table, partitions);
      // Debug: one line per file is the ingest service's; a new table or contract gets its own.
      LOG.debug("Registered {} partitions of table {}", partitions.size(), table.name());
    }
  }
}
