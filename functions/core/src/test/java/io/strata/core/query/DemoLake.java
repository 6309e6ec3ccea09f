package io.strata.core.query;

import io.strata.core.catalog.InMemoryCatalog;
import io.strata.core.contract.ContractRepository;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
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
import java.util.ArrayList;
import java.util.List;

/**
 * A local lake in a directory laid out like s3proxy's ({@code dir/bucket/key}), filled by the real
 * ingest path, and DuckDB running compiled statements over it the way the local engine binds them.
 */
public final class DemoLake implements AutoCloseable {

  public static final String RAW = "strata-raw";
  public static final String HISTORY = "strata-history";
  public static final String ANALYTICS = "strata-analytics";
  public static final String BANK_HEADER =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n";

  private final Path dir;
  private final FileSystemObjectStore store;
  private final InMemoryCatalog catalog = new InMemoryCatalog();
  private final Connection duckDb;
  private final ContractRepository contracts;

  public DemoLake(Path dir) throws SQLException {
    this(dir, QueryFixtures.CONTRACTS);
  }

  /** A lake whose drops follow these contracts instead of the repository's own. */
  public DemoLake(Path dir, ContractRepository contracts) throws SQLException {
    this.dir = dir;
    this.contracts = contracts;
    this.store = new FileSystemObjectStore(dir);
    this.duckDb = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = duckDb.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("SET threads = 1");
    }
  }

  public DuckDbDialect dialect() {
    return new DuckDbDialect(dir, HISTORY);
  }

  public Path dir() {
    return dir;
  }

  /** Ingests a raw drop that arrived at the given time; the batch commits a minute later. */
  public String ingest(String key, String content, Instant arrivedAt) {
    store.put(RAW, key, content.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    IngestService service =
        new IngestService(
            store,
            contracts,
            catalog,
            IngestSettings.defaults(HISTORY, "test-hash-key".getBytes(StandardCharsets.UTF_8)),
            Clock.fixed(arrivedAt.plusSeconds(60), ZoneOffset.UTC));
    IngestResult result =
        service.ingest(new RawObjectRef(RAW, key, null, info.eTag(), info.size(), arrivedAt));
    if (result.outcome() != IngestOutcome.COMMITTED) {
      throw new IllegalStateException("Drop " + key + " was not committed: " + result);
    }
    return result.batchId();
  }

  /** Removes a batch's manifest, leaving its files: the batch was never committed. */
  public void uncommit(String dataset, String batchId) {
    store.delete(HISTORY, "_batches/" + dataset + "/" + batchId + ".json");
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
