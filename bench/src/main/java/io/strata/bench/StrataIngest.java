package io.strata.bench;

import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistoryTables;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.apache.iceberg.catalog.Catalog;

/**
 * One ingest of the benchmark file through Strata's real path: read, parse, validate every value,
 * check key uniqueness, mask PII, write ZSTD Parquet partitioned by day, commit one Iceberg
 * snapshot, write the batch manifest.
 */
final class StrataIngest {

  static final String RAW = "strata-raw";
  static final String HISTORY = "strata-history";
  static final String KEY = "bank_transactions/bench.csv";
  static final String DATABASE = "strata";

  private StrataIngest() {}

  /** Ingests the raw object, measured; fails unless every row was committed. */
  static Measurement run(ObjectStore store, Catalog catalog, Path datasets, int encoderThreads)
      throws Exception {
    IngestSettings defaults = IngestSettings.defaults(HISTORY, null);
    IngestSettings settings =
        new IngestSettings(
            defaults.layout(),
            defaults.parseLimits(),
            defaults.history().withEncoderThreads(encoderThreads),
            null,
            defaults.maxReportedErrors());
    IngestService service =
        new IngestService(
            store,
            new DirectoryContractRepository(datasets),
            new HistoryTables(catalog, DATABASE, HISTORY, CommitRetry.DEFAULT),
            settings,
            Clock.systemUTC());
    ObjectInfo object = store.head(RAW, KEY).orElseThrow();
    RawObjectRef raw =
        new RawObjectRef(RAW, KEY, object.versionId(), object.eTag(), object.size(), Instant.now());
    IngestResult[] result = new IngestResult[1];
    Measurement measurement = Measurement.of(() -> result[0] = service.ingest(raw));
    if (result[0].outcome() != IngestOutcome.COMMITTED || result[0].rowsRejected() != 0) {
      throw new IllegalStateException(
          "Cannot benchmark: the file did not ingest cleanly: " + result[0]);
    }
    return measurement;
  }
}
