package io.strata.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.ContractLoader;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.TestCatalogs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contract that widens a column and adds one, ingested through the real path: the files written
 * before the change still read, through DuckDB over the planned files matched by field id, and in
 * Athena SQL that reads an older snapshot (whose schema the engine uses) as the table types it now.
 */
class SchemaEvolutionReadTest {

  @TempDir Path dir;

  private static DatasetContract orders(int version, String quantity, String extra) {
    String yaml =
        """
        name: orders
        version: %d
        format: csv
        columns:
          - {name: order_id, type: string, required: true}
          - {name: quantity, type: %s, required: true}
        %s
        key: [order_id]
        """
            .formatted(version, quantity, extra);
    return ContractLoader.parse(
        "orders.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void filesWrittenBeforeAWideningAndANewColumnStillReadWithTheTablesTypes() throws SQLException {
    // given: v1 writes an int, v2 widens it to long and adds an optional column
    FileSystemObjectStore store = new FileSystemObjectStore(dir);
    HistoryTables tables = TestCatalogs.tables(store, DemoLake.HISTORY);
    ingest(store, tables, orders(1, "int", ""), "order_id,quantity\nA,7\n");
    ingest(
        store,
        tables,
        orders(2, "long", "  - {name: note, type: string}"),
        "order_id,quantity,note\nB,9000000000,big\n");
    DatasetContract current = orders(2, "long", "  - {name: note, type: string}");

    // when
    QueryPlan plan =
        QueryFixtures.livePlanner()
            .plan(
                current,
                io.strata.core.access.RoleGrant.admin("admin", "", List.of()),
                new QueryRequest(
                    List.of("order_id", "quantity", "note"),
                    null,
                    List.of(new SortRequest("order_id", "asc")),
                    null,
                    "history",
                    null));
    try (DemoLake lake = new DemoLake(dir)) {
      SqlStatement select =
          SqlCompiler.select(plan, lake.dialect(), tables.snapshotAt("orders", null).orElseThrow());

      // then
      assertThat(lake.run(select)).containsExactly("A|7|null", "B|9000000000|big");
      assertThat(
              lake.query(
                  "SELECT typeof(quantity) FROM ("
                      + select.sql().replace(" LIMIT 1000", "")
                      + ") LIMIT 1"))
          .containsExactly("BIGINT");
    }
  }

  @Test
  void athenaReadsASnapshotOlderThanAWideningAndANewColumnAsTheTableTypesItNow() {
    // given: v1 writes an int; v2 widens it and adds a column; v3 adds one no batch wrote yet
    FileSystemObjectStore store = new FileSystemObjectStore(dir);
    HistoryTables tables = TestCatalogs.tables(store, DemoLake.HISTORY);
    ingest(store, tables, orders(1, "int", ""), "order_id,quantity\nA,7\n");
    Instant beforeWidening = DemoLake.between();
    DatasetContract v2 = orders(2, "long", "  - {name: note, type: string}");
    ingest(store, tables, v2, "order_id,quantity,note\nB,9000000000,big\n");
    DatasetContract v3 =
        orders(3, "long", "  - {name: note, type: string}\n  - {name: channel, type: string}");
    AthenaDialect athena = new AthenaDialect("strata");

    // when
    String old = athena(athena, tables, v2, beforeWidening);
    String latest = athena(athena, tables, v2, null);
    String newer = athena(athena, tables, v3, null);

    // then: Athena's engine reads an older snapshot with that snapshot's schema
    assertThat(old)
        .startsWith(
            "SELECT \"order_id\", \"quantity\", \"note\" FROM (SELECT \"order_id\","
                + " CAST(\"quantity\" AS bigint) + 0 AS \"quantity\", CAST(NULL AS varchar) AS"
                + " \"note\", \"_batch_id\", ")
        .contains(" FROM \"strata\".\"orders\" FOR TIMESTAMP AS OF TIMESTAMP '");
    assertThat(latest)
        .isEqualTo(
            "SELECT \"order_id\", \"quantity\", \"note\" FROM \"strata\".\"orders\" LIMIT 1000");
    assertThat(newer)
        .contains("\"note\", CAST(NULL AS varchar) AS \"channel\", \"_batch_id\"")
        .contains(" FROM \"strata\".\"orders\") LIMIT 1000");
  }

  /** The history view of every contract column as of the instant, in the Athena dialect. */
  private static String athena(
      AthenaDialect athena, HistoryTables tables, DatasetContract contract, Instant asOf) {
    List<String> columns =
        contract.columns().stream().map(io.strata.core.contract.ColumnSpec::name).toList();
    QueryPlan plan =
        QueryFixtures.livePlanner()
            .plan(
                contract,
                io.strata.core.access.RoleGrant.admin("admin", "", List.of()),
                new QueryRequest(
                    columns, null, null, null, "history", asOf == null ? null : asOf.toString()));
    return SqlCompiler.select(plan, athena, tables.snapshotAt("orders", asOf).orElseThrow()).sql();
  }

  private static void ingest(
      FileSystemObjectStore store, HistoryTables tables, DatasetContract contract, String csv) {
    String key = "orders/v" + contract.version() + ".csv";
    store.put(DemoLake.RAW, key, csv.getBytes(StandardCharsets.UTF_8), "text/csv");
    ObjectInfo info = store.head(DemoLake.RAW, key).orElseThrow();
    ContractRepository contracts =
        new ContractRepository() {
          @Override
          public Optional<DatasetContract> find(String dataset) {
            return Optional.of(contract).filter(c -> c.name().equals(dataset));
          }

          @Override
          public List<String> names() {
            return List.of(contract.name());
          }
        };
    var result =
        new IngestService(
                store,
                contracts,
                tables,
                IngestSettings.defaults(DemoLake.HISTORY, null),
                Clock.systemUTC())
            .ingest(
                new RawObjectRef(DemoLake.RAW, key, null, info.eTag(), info.size(), Instant.now()));
    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
  }
}
