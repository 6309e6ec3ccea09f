package io.strata.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.core.catalog.CatalogColumn;
import io.strata.core.catalog.CatalogException;
import io.strata.core.catalog.CatalogPartition;
import io.strata.core.catalog.CatalogTable;
import io.strata.core.catalog.CatalogTableMapper;
import io.strata.core.catalog.InMemoryCatalog;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How ingest keeps the catalog: table and partitions registered before the manifest. */
class IngestCatalogTest {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";
  private static final String BANK_HEADER =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n";
  private static final String TWO_DAYS =
      BANK_HEADER
          + "TX0000000001,DE89370400440532013000,2024-01-14,1.00,EUR,,\n"
          + "TX0000000002,DE89370400440532013000,2024-01-15,2.00,EUR,,\n"
          + "TX0000000003,DE89370400440532013000,2024-01-15,3.00,EUR,,\n";

  @TempDir Path lake;
  private final ContractRepository contracts =
      new DirectoryContractRepository(Path.of("../../datasets"));
  private FileSystemObjectStore store;

  @BeforeEach
  void setUp() {
    store = new FileSystemObjectStore(lake);
  }

  private IngestService serviceWith(InMemoryCatalog catalog) {
    return new IngestService(
        store,
        contracts,
        catalog,
        IngestSettings.defaults(HISTORY, "k".getBytes(StandardCharsets.UTF_8)),
        Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC));
  }

  @Test
  void registersTableAndExactlyTheWrittenPartitions() {
    // given
    InMemoryCatalog catalog = new InMemoryCatalog();
    RawObjectRef raw = drop("bank_transactions/tx.csv", TWO_DAYS);

    // when
    IngestResult result = serviceWith(catalog).ingest(raw);

    // then
    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    CatalogTable table = catalog.table("bank_transactions").orElseThrow();
    assertThat(table.location()).isEqualTo("s3://strata-history/bank_transactions/");
    assertThat(table.partitionKeys())
        .containsExactly(new CatalogColumn("booking_date", "date", ""));
    assertThat(catalog.partitions("bank_transactions"))
        .containsExactlyInAnyOrder(
            new CatalogPartition(
                List.of("2024-01-14"),
                "s3://strata-history/bank_transactions/booking_date=2024-01-14/"),
            new CatalogPartition(
                List.of("2024-01-15"),
                "s3://strata-history/bank_transactions/booking_date=2024-01-15/"));
  }

  @Test
  void quarantinesFileWhoseContractTheTableRefusesAndRegistersNothing() throws Exception {
    // given: the table was registered by a contract that had a column the current one lacks
    InMemoryCatalog catalog = new InMemoryCatalog();
    CatalogTable current =
        CatalogTableMapper.forContract(contracts.find("bank_transactions").orElseThrow(), HISTORY);
    List<CatalogColumn> columns = new ArrayList<>(current.columns());
    columns.add(0, new CatalogColumn("branch_code", "string", ""));
    catalog.createTable(
        new CatalogTable(
            current.name(),
            current.description(),
            columns,
            current.partitionKeys(),
            current.location(),
            current.parameters(),
            null));
    CatalogTable before = catalog.table("bank_transactions").orElseThrow();
    RawObjectRef raw = drop("bank_transactions/tx.csv", TWO_DAYS);

    // when
    IngestResult result = serviceWith(catalog).ingest(raw);

    // then
    assertThat(result.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(result.reason())
        .isEqualTo(
            "Quarantined s3://strata-raw/bank_transactions/tx.csv: Cannot register contract"
                + " bank_transactions v1 in the catalog: column branch_code of table"
                + " bank_transactions is missing from contract bank_transactions v1: columns are"
                + " never removed, the history still holds them");
    String prefix = "_quarantine/bank_transactions/" + result.batchId() + "/";
    assertThat(keys(HISTORY)).containsExactly(prefix + "report.json", prefix + "source/tx.csv");
    assertThat(json(prefix + "report.json").get("reason").asText()).isEqualTo("schema_change");
    assertThat(catalog.table("bank_transactions").orElseThrow()).isEqualTo(before);
    assertThat(catalog.partitions("bank_transactions")).isEmpty();
  }

  @Test
  void failedRegistrationLeavesTheBatchUncommittedAndTheRetryCompletesIt() {
    // given: a catalog whose first partition registration fails
    InMemoryCatalog catalog =
        new InMemoryCatalog() {
          private boolean failed;

          @Override
          public synchronized void addPartitions(
              CatalogTable table, List<CatalogPartition> partitions) {
            if (!failed) {
              failed = true;
              throw new CatalogException(
                  "Cannot add partitions to table strata.bank_transactions: InternalServiceException");
            }
            super.addPartitions(table, partitions);
          }
        };
    IngestService service = serviceWith(catalog);
    RawObjectRef raw = drop("bank_transactions/tx.csv", TWO_DAYS);

    // when
    assertThatThrownBy(() -> service.ingest(raw))
        .isInstanceOf(CatalogException.class)
        .hasMessage(
            "Cannot add partitions to table strata.bank_transactions: InternalServiceException");
    List<String> afterFailure = keys(HISTORY);
    IngestResult retry = service.ingest(raw);

    // then
    assertThat(afterFailure).noneMatch(k -> k.startsWith("_batches/"));
    assertThat(retry.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(keys(HISTORY)).contains("_batches/bank_transactions/" + retry.batchId() + ".json");
    assertThat(catalog.partitions("bank_transactions")).hasSize(2);
  }

  @Test
  void secondBatchAddsOnlyItsNewPartitionAndLeavesTheTableAlone() {
    // given
    InMemoryCatalog catalog = new InMemoryCatalog();
    IngestService service = serviceWith(catalog);
    service.ingest(drop("bank_transactions/a.csv", TWO_DAYS));
    String versionAfterFirst = catalog.table("bank_transactions").orElseThrow().version();

    // when
    IngestResult second =
        service.ingest(
            drop(
                "bank_transactions/b.csv",
                BANK_HEADER + "TX0000000009,DE89370400440532013000,2024-01-16,1.00,EUR,,\n"));

    // then
    assertThat(second.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(catalog.table("bank_transactions").orElseThrow().version())
        .isEqualTo(versionAfterFirst);
    assertThat(catalog.partitions("bank_transactions"))
        .extracting(p -> p.values().get(0))
        .containsExactlyInAnyOrder("2024-01-14", "2024-01-15", "2024-01-16");
  }

  private RawObjectRef drop(String key, String content) {
    store.put(RAW, key, content.getBytes(StandardCharsets.UTF_8), "text/csv");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    return new RawObjectRef(
        RAW, key, null, info.eTag(), info.size(), Instant.parse("2024-01-15T06:00:00Z"));
  }

  private List<String> keys(String bucket) {
    return store.list(bucket, "").stream().map(ObjectInfo::key).toList();
  }

  private JsonNode json(String key) throws IOException {
    try (InputStream in = store.open(HISTORY, key)) {
      return LakeJson.mapper().readTree(in);
    }
  }
}
