package io.strata.trino;

import io.strata.aws.s3.S3ObjectStore;
import io.strata.aws.testing.S3ProxyServer;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.query.DuckDbDialect;
import io.strata.core.store.ObjectInfo;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.TestCatalogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A lake as the local lake runs it: s3proxy on a folder holding the raw, history and analytics
 * buckets, the real ingest path (core {@link IngestService} through {@link S3ObjectStore}) writing
 * Iceberg tables of a JDBC catalog, and the contracts a test swaps as a data owner would edit them.
 * Trino reads the same objects through the same S3 server; DuckDB reads its folders.
 */
final class S3Lake implements AutoCloseable {

  static final String RAW = "strata-raw";
  static final String HISTORY = "strata-history";
  static final String ANALYTICS = "strata-analytics";

  private final Path dataDir;
  private final S3ProxyServer s3;
  private final S3Client client;
  private final S3ObjectStore store;
  private final Map<String, DatasetContract> contracts = new ConcurrentHashMap<>();
  private final HistoryTables tables;

  S3Lake(Path dataDir) {
    this.dataDir = dataDir;
    this.s3 = S3ProxyServer.startOnDirectory(dataDir);
    s3.createBuckets(RAW, HISTORY, ANALYTICS, TrinoNode.METASTORE_BUCKET);
    this.client = s3.newClient();
    this.store = new S3ObjectStore(client);
    this.tables = TestCatalogs.tables(store, HISTORY);
  }

  /** What Trino needs to read this lake's S3 server. */
  TrinoNode.S3 s3() {
    return new TrinoNode.S3(
        s3.endpoint(),
        S3ProxyServer.REGION.id(),
        S3ProxyServer.ACCESS_KEY,
        S3ProxyServer.SECRET_KEY);
  }

  /** Makes the contract the one ingest and queries use for its dataset from now on. */
  void use(DatasetContract contract) {
    contracts.put(contract.name(), contract);
  }

  DatasetContract contract(String dataset) {
    return contracts.get(dataset);
  }

  /** The contracts in use by dataset, as reports take them. */
  Map<String, DatasetContract> contracts() {
    return Map.copyOf(contracts);
  }

  /**
   * Drops the raw object and ingests it as the S3 event of its arrival would; its batch commits
   * now. Returns the batch id.
   */
  String ingest(String key, String content, Instant arrivedAt) {
    store.put(RAW, key, content.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    IngestService service =
        new IngestService(
            store,
            repository(),
            tables,
            IngestSettings.defaults(
                HISTORY, "trino-check-hash-key".getBytes(StandardCharsets.UTF_8)),
            Clock.fixed(arrivedAt.plusSeconds(60), ZoneOffset.UTC));
    IngestResult result =
        service.ingest(new RawObjectRef(RAW, key, null, info.eTag(), info.size(), arrivedAt));
    if (result.outcome() != IngestOutcome.COMMITTED) {
      throw new IllegalStateException("Drop " + key + " was not committed: " + result);
    }
    return result.batchId();
  }

  /** The dataset's snapshot current at asOf (null: the latest), or null when there is none. */
  HistorySnapshot snapshot(String dataset, Instant asOf) {
    return tables.snapshotAt(dataset, asOf).orElse(null);
  }

  /** The latest snapshot, as reports read it. */
  Optional<HistorySnapshot> latest(String dataset) {
    return tables.snapshotAt(dataset, null);
  }

  /** The dataset's table as the catalog has it now. */
  Table table(String dataset) {
    return tables.load(dataset).orElseThrow();
  }

  /** Where the table's current metadata file is: what a Glue table entry points at. */
  String metadataLocation(String dataset) {
    return ((HasTableOperations) table(dataset)).operations().current().metadataFileLocation();
  }

  String tableLocation(String dataset) {
    return tables.location(dataset);
  }

  /** The local engine's dialect: DuckDB reading the S3 server's folders. */
  DuckDbDialect duckDbDialect() {
    return new DuckDbDialect(dataDir);
  }

  Path dataDir() {
    return dataDir;
  }

  private ContractRepository repository() {
    return new ContractRepository() {
      @Override
      public Optional<DatasetContract> find(String dataset) {
        return Optional.ofNullable(contracts.get(dataset));
      }

      @Override
      public List<String> names() {
        return contracts.keySet().stream().sorted().toList();
      }
    };
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      s3.close();
    }
  }
}
