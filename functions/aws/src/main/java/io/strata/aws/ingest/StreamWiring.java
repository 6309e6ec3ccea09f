package io.strata.aws.ingest;

import io.strata.core.contract.ContractRepository;
import io.strata.core.ingest.CommitFollower;
import io.strata.core.ingest.StreamIngestService;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.HistoryTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * Builds the core's stream ingest service from the same store, contracts, tables, settings and
 * commit followers as file ingest, so a record and a file row meet the same rules.
 */
@ApplicationScoped
public class StreamWiring {

  @Produces
  @ApplicationScoped
  StreamIngestService streamIngestService(
      ObjectStore store,
      ContractRepository contracts,
      HistoryTables tables,
      IngestConfig config,
      @Any Instance<CommitFollower> added) {
    return new StreamIngestService(
        store,
        contracts,
        tables,
        IngestWiring.settings(config),
        Clock.systemUTC(),
        IngestWiring.followers(tables, added));
  }
}
