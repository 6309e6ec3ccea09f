package io.strata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.core.access.RoleGrant;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.current.CurrentFollower;
import io.strata.core.current.CurrentTables;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.query.DuckDbDialect;
import io.strata.core.query.FilterRequest;
import io.strata.core.query.JdbcParameters;
import io.strata.core.query.QueryLimits;
import io.strata.core.query.QueryPlan;
import io.strata.core.query.QueryPlanner;
import io.strata.core.query.QueryRequest;
import io.strata.core.query.SqlCompiler;
import io.strata.core.query.SqlStatement;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.HistoryTables;
import io.strata.core.table.JdbcCatalogs;
import io.strata.core.table.ObjectStoreFileIO;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Query latency against history size (issue 14, "Figures"): the same key lookup and a one-day
 * export of the current view after 1, 5 and 20 batches of {@code bank_transactions}, each batch
 * re-sending every key of the first with new values, so history grows with every batch and the
 * current data does not. Each statement runs the query path of the local lake (snapshot, current
 * table if it reflects it, compiled SQL, DuckDB over planned files), once reading the current table
 * and once deriving the view from history for comparison. It prints p50 latencies, the rows of the
 * files each statement is planned over (the current table's or history's: DuckDB gets every file of
 * the snapshot and prunes row groups by their statistics) and the bytes DuckDB read (its profiler's
 * {@code total_bytes_read}, the local stand-in for Athena's bytes scanned).
 *
 * <p>{@code java -cp bench/target/strata-bench.jar io.strata.bench.CurrentViewBenchmark --rows
 * 200000 --batches 1,5,20 --requests 15}
 */
public final class CurrentViewBenchmark {

  private static final String HEADER =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel";
  private static final String DATASET = "bank_transactions";
  private static final String DAY = "2024-01-12";

  private CurrentViewBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = 200_000;
    List<Integer> checkpoints = List.of(1, 5, 20);
    int requests = 15;
    Path dir = Path.of("bench-data/current");
    Path datasets = Path.of("datasets");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[i + 1]);
        case "--batches" ->
            checkpoints = Stream.of(args[i + 1].split(",")).map(Integer::valueOf).toList();
        case "--requests" -> requests = Integer.parseInt(args[i + 1]);
        case "--dir" -> dir = Path.of(args[i + 1]);
        case "--datasets" -> datasets = Path.of(args[i + 1]);
        default ->
            throw new IllegalArgumentException(
                "Cannot run the benchmark: unknown option "
                    + args[i]
                    + "; use --rows 200000 --batches 1,5,20 --requests 15 --dir bench-data/current"
                    + " --datasets datasets");
      }
    }
    Trees.delete(dir);
    Files.createDirectories(dir);
    new CurrentViewBenchmark().run(dir, datasets, rows, checkpoints, requests);
  }

  private void run(Path dir, Path datasets, int rows, List<Integer> checkpoints, int requests)
      throws Exception {
    FileSystemObjectStore store = new FileSystemObjectStore(dir);
    DirectoryContractRepository contracts = new DirectoryContractRepository(datasets);
    DatasetContract contract = contracts.find(DATASET).orElseThrow();
    try (JdbcCatalog catalog =
            JdbcCatalogs.h2Memory(
                "bench-" + UUID.randomUUID(), StrataIngest.DATABASE, new ObjectStoreFileIO(store));
        Connection duckDb = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement setup = duckDb.createStatement()) {
        setup.execute("SET TimeZone = 'UTC'");
        setup.execute("SET threads = 1");
      }
      HistoryTables tables =
          new HistoryTables(
              catalog, StrataIngest.DATABASE, StrataIngest.HISTORY, CommitRetry.DEFAULT);
      CurrentTables current = new CurrentTables(tables);
      IngestService ingest =
          new IngestService(
              store,
              contracts,
              tables,
              IngestSettings.defaults(
                  StrataIngest.HISTORY, "bench-key".getBytes(StandardCharsets.UTF_8)),
              Clock.systemUTC(),
              List.of(new CurrentFollower(current)));
      DuckDbDialect dialect = new DuckDbDialect(dir);
      QueryPlanner planner = new QueryPlanner(new QueryLimits(100, 1000), Clock.systemUTC());
      RoleGrant admin = RoleGrant.admin("admin", "", List.of());
      List<Double> lookups = new ArrayList<>();
      int batches = 0;
      List<Double> ingestSeconds = new ArrayList<>();
      System.out.printf(
          Locale.ROOT,
          "rows per batch %,d; %d requests per statement; DuckDB threads=1%n",
          rows,
          requests);
      for (int checkpoint : checkpoints) {
        while (batches < checkpoint) {
          Path csv = dir.resolve("drop-" + batches + ".csv");
          writeBatch(csv, rows, batches);
          String key = DATASET + "/drop-" + batches + ".csv";
          store.put(StrataIngest.RAW, key, Files.readAllBytes(csv), "text/csv");
          Files.delete(csv);
          ObjectInfo info = store.head(StrataIngest.RAW, key).orElseThrow();
          long started = System.nanoTime();
          IngestResult result =
              ingest.ingest(
                  new RawObjectRef(
                      StrataIngest.RAW, key, null, info.eTag(), info.size(), Instant.now()));
          ingestSeconds.add((System.nanoTime() - started) / 1e9);
          if (result.outcome() != IngestOutcome.COMMITTED) {
            throw new IllegalStateException("Cannot benchmark: batch not committed: " + result);
          }
          store.delete(StrataIngest.RAW, key);
          batches++;
        }
        HistorySnapshot latest = tables.snapshotAt(DATASET, null).orElseThrow();
        HistorySnapshot attached = current.attach(DATASET, latest);
        if (attached.currentTable() == null) {
          throw new IllegalStateException("Cannot benchmark: the current table is behind");
        }
        SplittableRandom keys = new SplittableRandom(batches);
        Figures lookup =
            measure(
                duckDb,
                requests,
                () -> {
                  String id = String.format("TX%010d", 1 + keys.nextInt(rows));
                  QueryPlan plan = plan(planner, contract, admin, "transaction_id", id);
                  return SqlCompiler.select(
                      plan,
                      dialect,
                      current.attach(DATASET, tables.snapshotAt(DATASET, null).orElseThrow()));
                });
        Figures derivedLookup =
            measure(
                duckDb,
                Math.max(3, requests / 3),
                () -> {
                  String id = String.format("TX%010d", 1 + keys.nextInt(rows));
                  QueryPlan plan = plan(planner, contract, admin, "transaction_id", id);
                  return SqlCompiler.select(
                      plan, dialect, tables.snapshotAt(DATASET, null).orElseThrow());
                });
        int exportRuns = 3;
        Figures export =
            measure(
                duckDb,
                exportRuns,
                () ->
                    SqlCompiler.export(
                        plan(planner, contract, admin, "booking_date", DAY),
                        dialect,
                        current.attach(DATASET, tables.snapshotAt(DATASET, null).orElseThrow()),
                        "s3://strata-analytics/exports/" + UUID.randomUUID() + "/"));
        Figures derivedExport =
            measure(
                duckDb,
                exportRuns,
                () ->
                    SqlCompiler.export(
                        plan(planner, contract, admin, "booking_date", DAY),
                        dialect,
                        tables.snapshotAt(DATASET, null).orElseThrow(),
                        "s3://strata-analytics/exports/" + UUID.randomUUID() + "/"));
        long historyRows = sumRecords(latest);
        long currentRows = sumRecords(attached.currentTable());
        String line =
            String.format(
                Locale.ROOT,
                "{\"batches\":%d,\"history_rows\":%d,\"current_rows\":%d,"
                    + "\"lookup_p50_ms\":%.1f,\"lookup_rows_planned\":%d,\"lookup_bytes_read\":%d,"
                    + "\"derived_lookup_p50_ms\":%.1f,\"derived_rows_planned\":%d,"
                    + "\"derived_lookup_bytes_read\":%d,"
                    + "\"export_day_p50_ms\":%.1f,\"export_bytes_read\":%d,"
                    + "\"derived_export_day_p50_ms\":%.1f,\"derived_export_bytes_read\":%d,"
                    + "\"ingest_with_follower_s_last\":%.2f}",
                batches,
                historyRows,
                currentRows,
                lookup.p50Millis,
                currentRows,
                lookup.bytesRead,
                derivedLookup.p50Millis,
                historyRows,
                derivedLookup.bytesRead,
                export.p50Millis,
                export.bytesRead,
                derivedExport.p50Millis,
                derivedExport.bytesRead,
                ingestSeconds.get(ingestSeconds.size() - 1));
        System.out.println(line);
        lookups.add(lookup.p50Millis);
      }
      double first = lookups.get(0);
      double last = lookups.get(lookups.size() - 1);
      System.out.printf(
          Locale.ROOT,
          "current-view lookup p50, %d vs %d batches: %.2fx (target <= 2x): %s%n",
          checkpoints.get(checkpoints.size() - 1),
          checkpoints.get(0),
          last / first,
          last / first <= 2 ? "met" : "NOT met");
      System.out.printf(
          Locale.ROOT,
          "ingest seconds per batch (history commit + current table): %s%n",
          ingestSeconds.stream().map(s -> String.format(Locale.ROOT, "%.1f", s)).toList());
    }
  }

  private static QueryPlan plan(
      QueryPlanner planner, DatasetContract contract, RoleGrant role, String column, String value) {
    return planner.plan(
        contract,
        role,
        new QueryRequest(
            null,
            List.of(new FilterRequest(column, "=", value, null)),
            null,
            null,
            "current",
            null));
  }

  private static long sumRecords(HistorySnapshot snapshot) {
    return Long.parseLong(snapshot.snapshot().summary().getOrDefault("total-records", "0"));
  }

  /** A statement to build afresh for each request (snapshot resolution and planning included). */
  @FunctionalInterface
  private interface Request {
    SqlStatement build() throws Exception;
  }

  private record Figures(double p50Millis, long bytesRead) {}

  /** p50 of building and running the statement, and the bytes its last run read. */
  private static Figures measure(Connection duckDb, int runs, Request request) throws Exception {
    double[] millis = new double[runs];
    long bytesRead = 0;
    Path profile = Files.createTempFile("strata-profile", ".json");
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      SqlStatement statement = request.build();
      boolean last = i == runs - 1;
      if (last) {
        try (Statement setup = duckDb.createStatement()) {
          setup.execute("PRAGMA enable_profiling = 'json'");
          setup.execute("PRAGMA profiling_output = '" + profile + "'");
        }
      }
      try (PreparedStatement prepared = duckDb.prepareStatement(statement.sql())) {
        JdbcParameters.bind(prepared, statement.parameters());
        if (prepared.execute()) {
          try (ResultSet result = prepared.getResultSet()) {
            while (result.next()) {
              // fetch every row, as the API does
            }
          }
        }
      }
      millis[i] = (System.nanoTime() - started) / 1e6;
      if (last) {
        try (Statement setup = duckDb.createStatement()) {
          setup.execute("PRAGMA disable_profiling");
        }
        bytesRead = bytesRead(new ObjectMapper().readTree(profile.toFile()));
      }
    }
    Files.deleteIfExists(profile);
    Arrays.sort(millis);
    return new Figures(millis[runs / 2], bytesRead);
  }

  /** The bytes DuckDB read for the profiled statement (Athena's "bytes scanned"). */
  private static long bytesRead(JsonNode profile) {
    JsonNode io = profile.get("io");
    return io == null ? -1 : io.path("total_bytes_read").asLong(-1);
  }

  /**
   * Batch {@code n}: every key {@code TX1..TXrows} once, with values drawn from seed {@code n}, so
   * each batch updates every key of the first (a day's date may move, too).
   */
  private static void writeBatch(Path file, int rows, int n) throws java.io.IOException {
    SplittableRandom random = new SplittableRandom(1_000 + n);
    String[] currencies = {"EUR", "EUR", "USD", "GBP"};
    String[] channels = {"ATM", "POS", "ONLINE", "BRANCH", ""};
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      StringBuilder line = new StringBuilder(128);
      for (int i = 1; i <= rows; i++) {
        line.setLength(0);
        long cents = random.nextLong(-500_000, 500_000);
        line.append(String.format("TX%010d", i))
            .append(",DE8937040044053201")
            .append(String.format("%04d", random.nextInt(10_000)))
            .append(",2024-01-1")
            .append(random.nextInt(7))
            .append(',')
            .append(cents < 0 ? "-" : "")
            .append(Math.abs(cents) / 100)
            .append('.')
            .append(String.format("%02d", Math.abs(cents) % 100))
            .append(',')
            .append(currencies[random.nextInt(currencies.length)])
            .append(",Shop ")
            .append(random.nextInt(100))
            .append(',')
            .append(channels[random.nextInt(channels.length)])
            .append('\n');
        out.append(line);
      }
    }
  }
}
