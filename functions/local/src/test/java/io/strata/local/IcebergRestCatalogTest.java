package io.strata.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An external Iceberg client, Iceberg's own {@link RESTCatalog} given nothing but the endpoint's
 * URI, attached to the local lake: it finds the tables, sees the lake's snapshots, reads the rows
 * ingested (as of each snapshot), and commits through the lake's catalog.
 */
@QuarkusTest
@TestProfile(IcebergRestLakeProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IcebergRestCatalogTest {

  private static final Path RAW = Path.of("../../events/raw/bank_transactions");
  private static final TableIdentifier BANK = TableIdentifier.of("strata", "bank_transactions");
  private static final TableIdentifier TELECOM = TableIdentifier.of("strata", "telecom_usage");

  @Inject RawBucketWatcher watcher;
  @Inject Catalog lakeCatalog;

  @TestHTTPResource("/iceberg")
  URI endpoint;

  private RESTCatalog client;
  private long firstSnapshot;

  @BeforeAll
  void ingestTwoDropsAndAttachAClient() throws IOException {
    firstSnapshot = ingest("transactions-2024-01-15.csv", "rest/day1.csv");
    ingest("transactions-2024-01-16.csv", "rest/day2.csv");
    ingest("telecom_usage", "usage-2024-01-15.jsonl", "rest/usage.jsonl");
    client = new RESTCatalog();
    client.initialize("lake", Map.of("uri", endpoint.toString()));
  }

  @AfterAll
  void closeClient() throws IOException {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void findsTheLakesNamespaceAndTables() {
    assertThat(client.listNamespaces()).contains(Namespace.of("strata"));
    assertThat(client.namespaceExists(Namespace.of("strata"))).isTrue();
    assertThat(client.listTables(Namespace.of("strata"))).contains(BANK);
    assertThat(client.tableExists(BANK)).isTrue();
    assertThat(client.tableExists(TableIdentifier.of("strata", "nope"))).isFalse();
  }

  @Test
  void seesTheSameSnapshotsAsTheLake() {
    Table seen = client.loadTable(BANK);
    Table lakes = lakeCatalog.loadTable(BANK);

    assertThat(snapshotIds(seen)).hasSize(2).isEqualTo(snapshotIds(lakes));
    assertThat(seen.currentSnapshot().snapshotId()).isEqualTo(lakes.currentSnapshot().snapshotId());
    assertThat(seen.schema().asStruct()).isEqualTo(lakes.schema().asStruct());
    assertThat(seen.currentSnapshot().summary()).containsKey("strata.batch-id");
  }

  @Test
  void readsTheRowsIngestedFromTheLocalS3WithOnlyTheCatalogsUri() throws IOException {
    Table table = client.loadTable(BANK);

    assertThat(transactionIds(IcebergGenerics.read(table).select("transaction_id").build()))
        .containsExactlyInAnyOrderElementsOf(
            concat(idsIn("transactions-2024-01-15.csv"), idsIn("transactions-2024-01-16.csv")));
  }

  @Test
  void readsTheTableAsOfAnEarlierSnapshot() throws IOException {
    Table table = client.loadTable(BANK);

    List<String> asOfFirst =
        transactionIds(
            IcebergGenerics.read(table)
                .useSnapshot(firstSnapshot)
                .select("transaction_id")
                .build());

    assertThat(asOfFirst).containsExactlyInAnyOrderElementsOf(idsIn("transactions-2024-01-15.csv"));
  }

  @Test
  void aCommitThroughTheEndpointIsTheLakesCatalogs() {
    client.loadTable(BANK).updateProperties().set("owner", "analytics-team").commit();

    assertThat(lakeCatalog.loadTable(BANK).properties()).containsEntry("owner", "analytics-team");
  }

  @Test
  void anAppendThroughTheEndpointIsASnapshotOfTheLakesTable() throws IOException {
    // given the telecom table as the lake committed it
    Table seen = client.loadTable(TELECOM);
    long before = seen.currentSnapshot().snapshotId();
    DataFile committed = seen.currentSnapshot().addedDataFiles(seen.io()).iterator().next();

    // when the client appends a file to it (here: the lake's own file once more)
    seen.newFastAppend().appendFile(committed).commit();

    // then the lake's catalog has the client's snapshot on top of its own, with the file's rows
    Table lakes = lakeCatalog.loadTable(TELECOM);
    assertThat(lakes.currentSnapshot().snapshotId())
        .isEqualTo(client.loadTable(TELECOM).currentSnapshot().snapshotId())
        .isNotEqualTo(before);
    assertThat(lakes.currentSnapshot().parentId()).isEqualTo(before);
    assertThat(lakes.currentSnapshot().summary()).doesNotContainKey("strata.batch-id");
    assertThat(lakes.currentSnapshot().summary())
        .containsEntry("added-records", Long.toString(committed.recordCount()));
  }

  @Test
  void anUnknownTableIsTheProtocols404() {
    assertThatThrownBy(() -> client.loadTable(TableIdentifier.of("strata", "nope")))
        .isInstanceOf(NoSuchTableException.class);
    given()
        .get("/iceberg/v1/namespaces/strata/tables/nope")
        .then()
        .statusCode(404)
        .body("error.code", equalTo(404))
        .body("error.type", equalTo("NoSuchTableException"))
        .body("error.message", startsWith("Table does not exist: strata.nope"));
    given()
        .get("/iceberg/v1/namespaces/nowhere/tables")
        .then()
        .statusCode(404)
        .body("error.type", equalTo("NoSuchNamespaceException"));
  }

  @Test
  void aCommitOnAStaleSnapshotIsAConflict() {
    String stale =
        """
        {"requirements": [{"type": "assert-ref-snapshot-id", "ref": "main", "snapshot-id": 1}],
         "updates": [{"action": "set-properties", "updates": {"stale": "yes"}}]}
        """;

    given()
        .body(stale)
        .post("/iceberg/v1/namespaces/strata/tables/bank_transactions")
        .then()
        .statusCode(409)
        .body("error.code", equalTo(409))
        .body("error.type", equalTo("CommitFailedException"));
    assertThat(lakeCatalog.loadTable(BANK).properties()).doesNotContainKey("stale");
  }

  @Test
  void refusesCommitsThatWouldTakeHistoryOrTheLakesTables() {
    String removeSnapshots =
        "{\"requirements\": [], \"updates\": [{\"action\": \"remove-snapshots\", \"snapshot-ids\": ["
            + firstSnapshot
            + "]}]}";
    String create = "{\"requirements\": [{\"type\": \"assert-create\"}], \"updates\": []}";
    String lakeProperty =
        "{\"requirements\": [], \"updates\": [{\"action\": \"set-properties\", \"updates\":"
            + " {\"commit.retry.num-retries\": \"4\"}}]}";

    for (String body : List.of(removeSnapshots, create, lakeProperty)) {
      given()
          .body(body)
          .post("/iceberg/v1/namespaces/strata/tables/bank_transactions")
          .then()
          .statusCode(403)
          .body("error.type", equalTo("ForbiddenException"))
          .body(
              "error.message",
              startsWith(
                  "Cannot commit to strata.bank_transactions through the lake's Iceberg REST"
                      + " catalog: "));
    }
    assertThat(snapshotIds(lakeCatalog.loadTable(BANK))).contains(firstSnapshot);
    assertThat(lakeCatalog.loadTable(BANK).properties())
        .containsEntry("commit.retry.num-retries", "0");
  }

  @Test
  void aBodyThatIsNoCommitIsABadRequest() {
    given()
        .body("{\"updates\": [{\"action\": \"no-such-action\"}]}")
        .post("/iceberg/v1/namespaces/strata/tables/bank_transactions")
        .then()
        .statusCode(400)
        .body("error.type", equalTo("BadRequestException"))
        .body("error.message", startsWith("Cannot read the request as UpdateTableRequest: "));
    given()
        .body("  ")
        .post("/iceberg/v1/namespaces/strata/tables/bank_transactions")
        .then()
        .statusCode(400)
        .body("error.message", equalTo("Cannot read the request: its body is empty"));
  }

  @Test
  void tellsClientsHowToReachTheFilesAndWhatItServes() {
    given()
        .get("/iceberg/v1/config")
        .then()
        .statusCode(200)
        .body(
            "overrides.'s3.endpoint'",
            equalTo("http://127.0.0.1:" + IcebergRestLakeProfile.S3_PORT))
        .body("overrides.'s3.path-style-access'", equalTo("true"))
        .body("defaults.'client.region'", equalTo("us-east-1"));
    assertThatThrownBy(() -> client.dropTable(BANK))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(lakeCatalog.tableExists(BANK)).isTrue();
  }

  private long ingest(String sample, String key) throws IOException {
    return ingest("bank_transactions", sample, key);
  }

  /** Drops a sample into the raw folder, ingests it and answers the lake's new snapshot. */
  private long ingest(String dataset, String sample, String key) throws IOException {
    Path target =
        IcebergRestLakeProfile.DATA_DIR.resolve("strata-raw").resolve(dataset).resolve(key);
    Files.createDirectories(target.getParent());
    Files.copy(RAW.resolveSibling(dataset).resolve(sample), target);
    List<IngestResult> results =
        watcher.scan(false).results().stream().filter(r -> r.sourceUri().endsWith(key)).toList();
    assertThat(results).extracting(IngestResult::outcome).containsExactly(IngestOutcome.COMMITTED);
    return lakeCatalog
        .loadTable(TableIdentifier.of("strata", dataset))
        .currentSnapshot()
        .snapshotId();
  }

  private static List<Long> snapshotIds(Table table) {
    List<Long> ids = new ArrayList<>();
    table.snapshots().forEach((Snapshot s) -> ids.add(s.snapshotId()));
    return ids;
  }

  private static List<String> transactionIds(CloseableIterable<Record> rows) throws IOException {
    List<String> ids = new ArrayList<>();
    try (rows) {
      rows.forEach(row -> ids.add((String) row.getField("transaction_id")));
    }
    return ids;
  }

  private static List<String> idsIn(String sample) throws IOException {
    return Files.readAllLines(RAW.resolve(sample)).stream()
        .skip(1)
        .filter(line -> !line.isBlank())
        .map(line -> line.substring(0, line.indexOf(',')))
        .toList();
  }

  /** History keeps every version: a key sent on both days is there twice. */
  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
