package io.strata.core.query;

import io.strata.core.contract.ContractRepository;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.TestCatalogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A local lake in a directory laid out like s3proxy's ({@code dir/bucket/key}), filled by the real
 * ingest path into Iceberg tables of an in-memory JDBC catalog, and DuckDB running compiled
 * statements over the planned files the way the local engine binds them.
 */
public final class DemoLake implements AutoCloseable {

  public static final String RAW = "strata-raw";
  public static final String HISTORY = "strata-history";
  public static final String ANALYTICS = "strata-analytics";
  public static final String BANK_HEADER =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n";

  private final Path dir;
  private final FileSystemObjectStore files;
  private final ObjectStore store;
  private volatile boolean commitsFail;
  private volatile Instant lastDataFile;
  private final org.apache.iceberg.catalog.Catalog catalog;
  private final HistoryTables tables;
  private final Connection duckDb;
  private final ContractRepository contracts;
  private final List<io.strata.core.ingest.CommitFollower> followers =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public DemoLake(Path dir) throws SQLException {
    this(dir, QueryFixtures.CONTRACTS);
  }

  /** A lake whose drops follow these contracts instead of the repository's own. */
  public DemoLake(Path dir, ContractRepository contracts) throws SQLException {
    this.dir = dir;
    this.contracts = contracts;
    this.files = new FileSystemObjectStore(dir);
    this.store =
        new io.strata.core.ingest.ForwardingObjectStore(files) {
          @Override
          public void put(String bucket, String key, byte[] content, String contentType) {
            failCommits(key);
            super.put(bucket, key, content, contentType);
          }

          @Override
          public boolean putIfAbsent(String bucket, String key, byte[] content, String type) {
            failCommits(key);
            return super.putIfAbsent(bucket, key, content, type);
          }

          @Override
          public io.strata.core.store.ObjectWriter create(
              String bucket, String key, String contentType) {
            if (key.contains("/data/")) {
              lastDataFile = Instant.now();
            }
            return super.create(bucket, key, contentType);
          }

          private void failCommits(String key) {
            if (commitsFail && key.contains("/metadata/")) {
              throw new ObjectStoreException("Cannot commit: simulated crash");
            }
          }
        };
    this.catalog = TestCatalogs.inMemory(store);
    this.tables =
        new HistoryTables(
            catalog, TestCatalogs.DATABASE, HISTORY, io.strata.core.table.CommitRetry.DEFAULT);
    this.duckDb = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = duckDb.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("SET threads = 1");
    }
  }

  /**
   * When the last history data file was started: for the latest ingest, an instant after its files
   * were being written and before its commit.
   */
  public Instant lastDataFile() {
    return lastDataFile;
  }

  /** Makes every later ingest follow its commit with {@code follower}. */
  public DemoLake following(io.strata.core.ingest.CommitFollower follower) {
    followers.add(follower);
    return this;
  }

  /** A lake where each demo dataset has one committed drop of one row. */
  public static DemoLake withOneDropEach(Path dir) throws SQLException {
    DemoLake lake = new DemoLake(dir);
    lake.ingest(
        "bank_transactions/tx.csv",
        BANK_HEADER + "TX0000000001,DE89370400440532013000,2024-01-15,1.00,EUR,,POS\n",
        Instant.parse("2024-01-15T06:00:00Z"));
    lake.ingest(
        "telecom_usage/e.jsonl",
        "{\"event_id\":\"E1\",\"subscriber_id\":\"s\",\"event_type\":\"call\","
            + "\"event_time\":\"2024-01-15T01:00:00Z\",\"cell_id\":\"C1\"}\n",
        Instant.parse("2024-01-15T06:00:00Z"));
    return lake;
  }

  /** The latest snapshot of each dataset, for reports. */
  public java.util.Optional<HistorySnapshot> latest(String dataset) {
    return tables.snapshotAt(dataset, null);
  }

  public DuckDbDialect dialect() {
    return new DuckDbDialect(dir);
  }

  public HistoryTables tables() {
    return tables;
  }

  /** The Iceberg catalog holding the history tables. */
  public org.apache.iceberg.catalog.Catalog catalog() {
    return catalog;
  }

  /** The lake's objects (the buckets under the directory). */
  public ObjectStore store() {
    return store;
  }

  /** The dataset's snapshot current at asOf (null: the latest), or null when there is none. */
  public HistorySnapshot snapshot(String dataset, Instant asOf) {
    return tables.snapshotAt(dataset, asOf).orElse(null);
  }

  /** The plan compiled for DuckDB against the snapshot it reads. */
  public SqlStatement select(QueryPlan plan) {
    return SqlCompiler.select(plan, dialect(), snapshot(plan.dataset(), plan.asOf()));
  }

  /**
   * The current instant, once the clock has moved past it by a millisecond: a snapshot committed
   * after this call is never at the same millisecond, so an asOf of it separates the two.
   */
  public static Instant between() {
    Instant now = Instant.now();
    Instant later = now.plus(2, ChronoUnit.MILLIS);
    while (Instant.now().isBefore(later)) {
      Thread.onSpinWait();
    }
    return now;
  }

  public Path dir() {
    return dir;
  }

  /** Ingests a raw drop that arrived at the given time; the batch commits now. */
  public String ingest(String key, String content, Instant arrivedAt) {
    return ingest(store, key, content, arrivedAt);
  }

  /**
   * Writes a raw drop's history files but fails its commit, as a function killed while committing:
   * the files are where a committed batch's would be, in no snapshot.
   */
  public void ingestUncommitted(String key, String content, Instant arrivedAt) {
    String dataset = key.substring(0, key.indexOf('/'));
    tables.ensure(QueryFixtures.CONTRACTS.find(dataset).orElseThrow());
    commitsFail = true;
    try {
      ingest(store, key, content, arrivedAt);
      throw new IllegalStateException("Drop " + key + " was committed");
    } catch (ObjectStoreException | io.strata.core.table.TableException expected) {
      // the files stay, the table never names them
    } finally {
      commitsFail = false;
    }
  }

  private String ingest(ObjectStore objects, String key, String content, Instant arrivedAt) {
    store.put(RAW, key, content.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    IngestService service =
        new IngestService(
            objects,
            contracts,
            tables,
            IngestSettings.defaults(HISTORY, "test-hash-key".getBytes(StandardCharsets.UTF_8)),
            Clock.fixed(arrivedAt.plusSeconds(60), ZoneOffset.UTC),
            List.copyOf(followers));
    IngestResult result =
        service.ingest(new RawObjectRef(RAW, key, null, info.eTag(), info.size(), arrivedAt));
    if (result.outcome() != IngestOutcome.COMMITTED) {
      throw new IllegalStateException("Drop " + key + " was not committed: " + result);
    }
    return result.batchId();
  }

  /** Runs the statement with its parameters bound by JDBC type; values as DuckDB prints them. */
  public List<String> run(SqlStatement statement) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (PreparedStatement prepared = duckDb.prepareStatement(statement.sql())) {
      JdbcParameters.bind(prepared, statement.parameters());
      if (!prepared.execute()) {
        rows.add("updated " + prepared.getUpdateCount());
        return rows;
      }
      try (ResultSet result = prepared.getResultSet()) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= columns; i++) {
            row.add(String.valueOf(result.getString(i)));
          }
          rows.add(String.join("|", row));
        }
      }
    }
    return rows;
  }

  /** The column names of the statement's result. */
  public List<String> columnNames(SqlStatement statement) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement prepared = duckDb.prepareStatement(statement.sql())) {
      JdbcParameters.bind(prepared, statement.parameters());
      try (ResultSet result = prepared.executeQuery()) {
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          names.add(result.getMetaData().getColumnName(i));
        }
      }
    }
    return names;
  }

  /** Rows of plain SQL without parameters. */
  public List<String> query(String sql) throws SQLException {
    return run(new SqlStatement(sql, List.of()));
  }

  @Override
  public void close() throws SQLException {
    duckDb.close();
  }
}
