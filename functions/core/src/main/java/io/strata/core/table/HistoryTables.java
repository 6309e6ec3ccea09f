package io.strata.core.table;

import io.strata.core.contract.DatasetContract;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasets' Iceberg tables in one catalog namespace (the Glue database in AWS, a JDBC catalog
 * locally): one table per dataset at {@code s3://<history-bucket>/<dataset>}, created on first use
 * and evolved under the contract's policy through Iceberg's {@code UpdateSchema}. Changes are
 * optimistic: when another writer changed the table first, the table is read again, the change
 * decided again and retried with jittered backoff, so no writer's column is lost. Thread-safe.
 */
public final class HistoryTables {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryTables.class);

  private final Catalog catalog;
  private final Namespace namespace;
  private final String historyBucket;
  private final CommitRetry retry;

  public HistoryTables(Catalog catalog, String database, String historyBucket, CommitRetry retry) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.namespace = Namespace.of(Objects.requireNonNull(database, "database"));
    this.historyBucket = Objects.requireNonNull(historyBucket, "historyBucket");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /** The catalog's identifier of a dataset's table. */
  public TableIdentifier identifier(String dataset) {
    return TableIdentifier.of(namespace, dataset);
  }

  /** Where a dataset's table lives: {@code s3://<history-bucket>/<dataset>}. */
  public String location(String dataset) {
    return "s3://" + historyBucket + "/" + dataset;
  }

  /** The catalog holding these tables, where tables derived from them live too. */
  public Catalog catalog() {
    return catalog;
  }

  /** The namespace (Glue database) of these tables. */
  public Namespace namespace() {
    return namespace;
  }

  /** The bucket these tables' files live in. */
  public String historyBucket() {
    return historyBucket;
  }

  /** How commits to these tables are retried. */
  public CommitRetry retry() {
    return retry;
  }

  /**
   * The dataset's table, or empty when none exists yet (a contract before its first ingest).
   *
   * @throws CatalogUnavailableException when the catalog fails or the table's metadata cannot be
   *     read
   */
  public Optional<Table> load(String dataset) {
    try {
      return Optional.of(catalog.loadTable(identifier(dataset)));
    } catch (NoSuchTableException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new CatalogUnavailableException(
          "Cannot load table " + identifier(dataset) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The dataset's table pinned to the snapshot current at {@code asOf} (null: the latest), or empty
   * when there is no table or no snapshot then.
   *
   * @throws TableException when the catalog fails or the table's metadata cannot be read
   */
  public Optional<HistorySnapshot> snapshotAt(String dataset, java.time.Instant asOf) {
    return load(dataset).flatMap(table -> HistorySnapshot.of(table, asOf));
  }

  /**
   * Makes the stored table serve the contract: creates it if missing, evolves it if the contract
   * adds to it, leaves it alone otherwise.
   *
   * @return the table, current after any change made here
   * @throws SchemaChangeRefusedException when the contract's policy refuses the change, or the
   *     table was not made by Strata; nothing was changed
   * @throws TableException when the catalog fails, or other writers kept winning every try
   */
  public Table ensure(DatasetContract contract) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tryEnsure(contract);
      } catch (CommitFailedException | CommitStateUnknownException | AlreadyExistsException e) {
        if (attempt >= retry.attempts()) {
          throw new TableException(
              registering(contract)
                  + "other writers changed it during each of "
                  + attempt
                  + " tries",
              e);
        }
        LOG.info(
            "Table {} changed while registering contract v{}, retrying (try {})",
            identifier(contract.name()),
            contract.version(),
            attempt + 1);
        retry.pause(attempt, "table change");
      } catch (TableException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new TableException(registering(contract) + e.getMessage(), e);
      }
    }
  }

  private Table tryEnsure(DatasetContract contract) {
    Optional<Table> stored = load(contract.name());
    if (stored.isEmpty()) {
      return create(contract);
    }
    Table table = stored.get();
    TableChange change =
        TableEvolution.decide(table.schema(), table.spec(), table.properties(), contract);
    if (change instanceof TableChange.Refused refused) {
      throw new SchemaChangeRefusedException(registering(contract) + refused.reason());
    }
    if (change instanceof TableChange.Update update) {
      apply(table, update);
      LOG.info("Updated table {}: {}", identifier(contract.name()), update.summary());
    }
    return table;
  }

  /** {@code Cannot register contract orders v2 in table strata.orders: }, for every refusal. */
  private String registering(DatasetContract contract) {
    return "Cannot register contract "
        + contract.name()
        + " v"
        + contract.version()
        + " in table "
        + identifier(contract.name())
        + ": ";
  }

  private Table create(DatasetContract contract) {
    try {
      var schema = TableSchemas.schema(contract);
      Table table =
          catalog
              .buildTable(identifier(contract.name()), schema)
              .withPartitionSpec(TableSchemas.spec(contract, schema))
              .withLocation(location(contract.name()))
              .withProperties(TableSchemas.properties(contract))
              .create();
      LOG.info(
          "Created table {} at {} for contract v{}",
          identifier(contract.name()),
          table.location(),
          contract.version());
      return table;
    } catch (AlreadyExistsException e) {
      throw e; // another writer created it first: decide again on the stored table
    } catch (RuntimeException e) {
      throw new TableException(
          "Cannot create table " + identifier(contract.name()) + ": " + e.getMessage(), e);
    }
  }

  private static void apply(Table table, TableChange.Update update) {
    Transaction transaction = table.newTransaction();
    UpdateSchema schema = transaction.updateSchema();
    String firstLineage = io.strata.core.history.ParquetSchemas.BATCH_ID;
    for (TableChange.NewColumn column : update.added()) {
      schema.addColumn(column.name(), column.type(), column.doc());
      schema.moveBefore(column.name(), firstLineage);
    }
    update.widened().forEach(schema::updateColumn);
    update.madeOptional().forEach(schema::makeColumnOptional);
    update.docs().forEach(schema::updateColumnDoc);
    schema.commit();
    if (!update.properties().isEmpty()) {
      UpdateProperties properties = transaction.updateProperties();
      update.properties().forEach(properties::set);
      properties.commit();
    }
    transaction.commitTransaction();
  }
}
