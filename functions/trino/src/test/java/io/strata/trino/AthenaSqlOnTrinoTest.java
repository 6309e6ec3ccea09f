package io.strata.trino;

import static io.strata.trino.DemoHistory.BANK;
import static io.strata.trino.DemoHistory.TELECOM;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.query.QueryFixtures;
import io.strata.core.query.QueryRequest;
import io.strata.core.query.SqlText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Athena SQL Strata generates, run on Trino 476 (Athena engine v3's engine) with its Iceberg
 * connector over a lake the real ingest path built, answers the same as the local engine's DuckDB
 * SQL over the same snapshot: row for row, value for value, type kind for type kind. The tables are
 * registered in Trino's file metastore at the metadata file Strata's catalog committed last, as
 * Glue's table entry points at it in AWS. Opt-in: {@code -Ptrino} (README, "Tests").
 */
class AthenaSqlOnTrinoTest {

  private static final Logger LOG = LoggerFactory.getLogger(AthenaSqlOnTrinoTest.class);
  private static final AtomicInteger COMPARED = new AtomicInteger();
  private static final AtomicInteger ROWS = new AtomicInteger();

  @TempDir static Path dir;
  private static S3Lake lake;
  private static DemoHistory history;
  private static TrinoNode trino;
  private static Engines engines;
  private static long started;

  @BeforeAll
  static void buildTheLakeAndStartTrino() throws Exception {
    TrinoJdk jdk = TrinoJdk.find();
    long unpacking = System.nanoTime();
    Path server =
        TrinoDistribution.unpack(
            Path.of(System.getProperty("trino.server.archive", "")),
            Path.of(System.getProperty("trino.server.dir", "target/trino-server")));
    Duration unpacked = Duration.ofNanos(System.nanoTime() - unpacking);
    lake = new S3Lake(dir.resolve("lake"));
    history = DemoHistory.ingest(lake);
    trino = TrinoNode.start(server, jdk, Files.createDirectories(dir.resolve("trino")), lake.s3());
    engines = new Engines(trino.connect(GeneratedSql.DATABASE));
    register(BANK);
    register(TELECOM);
    LOG.info(
        "Trino 476 on Java {} ({}): unpacked in {} s, started in {} s",
        jdk.feature(),
        jdk.home(),
        unpacked.toMillis() / 1000.0,
        trino.startup().toMillis() / 1000.0);
    started = System.nanoTime();
  }

  /** What the Glue table entry holds in AWS: the table's current metadata file. */
  private static void register(String dataset) throws java.sql.SQLException {
    engines.executeOnTrino(
        "CREATE SCHEMA IF NOT EXISTS " + TrinoNode.CATALOG + "." + GeneratedSql.DATABASE);
    String metadata = lake.metadataLocation(dataset);
    engines.executeOnTrino(
        "CALL "
            + TrinoNode.CATALOG
            + ".system.register_table(schema_name => "
            + SqlText.literal(GeneratedSql.DATABASE)
            + ", table_name => "
            + SqlText.literal(dataset)
            + ", table_location => "
            + SqlText.literal(lake.tableLocation(dataset))
            + ", metadata_file_name => "
            + SqlText.literal(metadata.substring(metadata.lastIndexOf('/') + 1))
            + ")");
  }

  @AfterAll
  static void stop() throws Exception {
    LOG.info(
        "Compared {} statements ({} rows) on Trino and DuckDB in {} s",
        COMPARED.get(),
        ROWS.get(),
        Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
    try {
      if (engines != null) {
        engines.close();
      }
    } finally {
      try {
        if (trino != null) {
          trino.close();
        }
      } finally {
        if (lake != null) {
          lake.close();
        }
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> everyGeneratedStatementAnswersOnTrinoAsOnDuckDb() {
    return ComparisonCases.all(lake, history).stream()
        .map(
            comparison ->
                DynamicTest.dynamicTest(
                    comparison.name(),
                    () -> {
                      Comparison.Answers answers = comparison.run(engines);
                      COMPARED.incrementAndGet();
                      ROWS.addAndGet(answers.trino().rows().size());
                      assertThat(answers.trino().columns())
                          .as("columns of %s", comparison.name())
                          .isEqualTo(answers.duckDb().columns());
                      if (comparison.ordered()) {
                        assertThat(answers.trino().rows())
                            .as("rows of %s", comparison.name())
                            .isEqualTo(answers.duckDb().rows());
                      } else {
                        assertThat(answers.trino().sorted().rows())
                            .as("rows of %s", comparison.name())
                            .isEqualTo(answers.duckDb().sorted().rows());
                      }
                    }));
  }

  @Test
  void aMicrosecondTimestampReadsExactlyAndAnEqualityFilterOnItFindsTheRow() throws Exception {
    Answer answer =
        trino(
            GeneratedSql.request(
                "history",
                null,
                List.of("event_id", "event_time"),
                List.of("event_id"),
                GeneratedSql.filter("event_time", "=", DemoHistory.MICROS)));

    assertThat(answer.rows())
        .containsExactly(List.of("'E1'", DemoHistory.MICROS), List.of("'E1'", DemoHistory.MICROS));
  }

  @Test
  void aTimestampATenthOfAMillisecondBeforeMidnightStaysInItsDay() throws Exception {
    Answer events =
        trino(
            GeneratedSql.request(
                "current",
                null,
                List.of("event_id", "event_time"),
                List.of("event_id"),
                GeneratedSql.filter("event_id", "=", "E2")));
    Answer usage = usageByDay(Map.of("from", "2024-01-15", "to", "2024-01-15"));

    assertThat(events.rows()).containsExactly(List.of("'E2'", "2024-01-15T23:59:59.999600Z"));
    assertThat(usage.column("event_date")).containsExactly("2024-01-15");
    assertThat(usage.column("messages")).containsExactly("1");
  }

  @Test
  void afterTheWideningSumsAndFiltersPastTheIntRangeWork() throws Exception {
    Answer usage = usageByDay(Map.of("from", "2024-01-14", "to", "2024-01-16"));
    Answer longCalls =
        trino(
            GeneratedSql.request(
                "current",
                null,
                List.of("event_id", "duration_s"),
                List.of("event_id"),
                GeneratedSql.filter("duration_s", ">", 2147483647)));

    assertThat(usage.column("call_seconds")).containsExactly("2147483647", "61", "3000000000");
    assertThat(longCalls.rows()).containsExactly(List.of("'E5'", "3000000000"));
  }

  @Test
  void anAsOfJustAfterACommitSeesItAndJustBeforeItDoesNot() throws Exception {
    List<String> before = amountOfTx2(history.secondBankCommit.minusNanos(1_000));
    List<String> at = amountOfTx2(history.secondBankCommit);
    List<String> after = amountOfTx2(history.secondBankCommit.plusNanos(1_000));

    assertThat(before).containsExactly("-100.00");
    assertThat(at).containsExactly("-90.00");
    assertThat(after).containsExactly("-90.00");
  }

  private static List<String> amountOfTx2(java.time.Instant asOf) throws Exception {
    return trinoOn(
            BANK,
            GeneratedSql.request(
                "current",
                asOf,
                List.of("amount"),
                List.of(),
                GeneratedSql.filter("transaction_id", "=", "TX0000000002")))
        .column("amount");
  }

  private static Answer trino(QueryRequest request) throws Exception {
    return trinoOn(TELECOM, request);
  }

  /** The usage_by_day report as an admin runs it, on Trino. */
  private static Answer usageByDay(Map<String, Object> args) throws Exception {
    Comparison report =
        new GeneratedSql(lake)
            .report("usage_by_day", QueryFixtures.admin(), "usage_by_day", args)
            .comparisons()
            .get(0);
    return engines.onTrino(report.athena());
  }

  private static Answer trinoOn(String dataset, QueryRequest request) throws Exception {
    List<Comparison> one =
        new GeneratedSql(lake)
            .query(dataset, QueryFixtures.admin(), dataset, request)
            .comparisons();
    return engines.onTrino(one.get(0).athena());
  }
}
