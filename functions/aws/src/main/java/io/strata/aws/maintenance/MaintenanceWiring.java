package io.strata.aws.maintenance;

import io.strata.aws.glue.CatalogConfig;
import io.strata.core.contract.ContractRepository;
import io.strata.core.maintenance.CompactionSettings;
import io.strata.core.maintenance.LakeMaintenance;
import io.strata.core.maintenance.SnapshotExpiry;
import io.strata.core.maintenance.TableCompactor;
import io.strata.core.table.CommitRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.apache.iceberg.catalog.Catalog;

/**
 * Builds the lake's maintenance from the catalog (Glue in AWS, the local lake's own locally), the
 * contracts and {@link MaintenanceConfig}.
 */
@ApplicationScoped
public class MaintenanceWiring {

  @Produces
  @ApplicationScoped
  LakeMaintainer lakeMaintainer(
      Catalog catalog,
      CatalogConfig catalogConfig,
      ContractRepository contracts,
      MaintenanceConfig config) {
    CompactionSettings settings =
        new CompactionSettings(config.targetFileBytes(), config.minFiles());
    return new LakeMaintainer(
        catalogConfig.database(),
        contracts,
        policies ->
            new LakeMaintenance(
                catalog,
                new TableCompactor(settings, CommitRetry.DEFAULT),
                new SnapshotExpiry(Clock.systemUTC(), CommitRetry.DEFAULT),
                policies));
  }
}
