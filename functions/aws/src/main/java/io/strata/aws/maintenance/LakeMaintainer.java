package io.strata.aws.maintenance;

import io.strata.core.contract.ContractException;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.HistoryPolicy;
import io.strata.core.maintenance.LakeMaintenance;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One maintenance pass over the lake's namespaces: the history namespace (the catalog database),
 * its {@code _current} tables and its {@code _reports} tables, where they exist. A history or
 * current table keeps its snapshots as long as its dataset's contract says; a table without a
 * readable contract (a report's, a dataset whose contract is broken or gone) keeps them forever,
 * since expiring on a guess could not be undone.
 */
public final class LakeMaintainer {

  private static final Logger LOG = LoggerFactory.getLogger(LakeMaintainer.class);

  private final String database;
  private final ContractRepository contracts;
  private final MaintenanceFactory factory;

  /** Builds the core's maintenance for a pass, given the retention lookup. */
  @FunctionalInterface
  public interface MaintenanceFactory {
    LakeMaintenance create(java.util.function.Function<TableIdentifier, HistoryPolicy> policies);
  }

  public LakeMaintainer(String database, ContractRepository contracts, MaintenanceFactory factory) {
    this.database = Objects.requireNonNull(database, "database");
    this.contracts = Objects.requireNonNull(contracts, "contracts");
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** The namespaces a pass maintains. */
  public List<Namespace> namespaces() {
    return List.of(
        Namespace.of(database),
        Namespace.of(database + "_current"),
        Namespace.of(database + "_reports"));
  }

  /** Runs one pass; a table that fails is in the reports with its reason. */
  public List<LakeMaintenance.TableReport> run() {
    return factory.create(this::policy).run(namespaces());
  }

  /** The retention of a table: its dataset's, for history and current tables. */
  HistoryPolicy policy(TableIdentifier table) {
    String namespace = table.namespace().toString();
    if (!namespace.equals(database) && !namespace.equals(database + "_current")) {
      return HistoryPolicy.FOREVER;
    }
    try {
      return contracts
          .find(table.name())
          .map(DatasetContract::history)
          .orElse(HistoryPolicy.FOREVER);
    } catch (ContractException e) {
      LOG.warn(
          "Keeping every snapshot of table {}: its contract cannot be read ({})",
          table,
          e.getMessage());
      return HistoryPolicy.FOREVER;
    }
  }
}
