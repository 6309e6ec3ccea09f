package io.strata.aws.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.aws.ingest.IngestSummary;
import io.strata.aws.ingest.S3EventProcessor;
import io.strata.aws.testing.EventFixtures;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.ingest.BatchId;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.ingest.LakeJson;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.ingest.SplitIngestion;
import io.strata.core.ingest.split.SplitSettings;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.TestCatalogs;
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

/**
 * The steps of the large-file state machine as the ingest function runs them: each payload an S3
 * event the shared processor reads, the Distributed Map items taken from the history bucket exactly
 * as the state machine's item reader would.
 */
class SplitStepsTest {

  private static final String HISTORY = "history";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC);

  @TempDir Path root;
  private FileSystemObjectStore store;
  private HistoryTables tables;
  private S3EventProcessor processor;

  @BeforeEach
  void setUp() {
    store = new FileSystemObjectStore(root);
    tables = TestCatalogs.tables(store, HISTORY);
    DirectoryContractRepository contracts =
        new DirectoryContractRepository(Path.of("../../datasets"));
    IngestSettings settings =
        IngestSettings.defaults(HISTORY, "k".getBytes(StandardCharsets.UTF_8));
    IngestService whole = new IngestService(store, contracts, tables, settings, CLOCK);
    SplitIngestion split =
        new SplitIngestion(
            store,
            contracts,
            tables,
            settings,
            new SplitSettings(100, 2000),
            CLOCK,
            List.of(),
            Runnable::run);
    processor =
        new S3EventProcessor(
            whole,
            raw -> java.util.Optional.empty(),
            new SplitSteps(split, whole, store, HISTORY, CLOCK));
  }

  @Test
  void planRangesKeysAndCommitMakeOneSnapshotOfTheFile() throws Exception {
    StringBuilder csv =
        new StringBuilder(
            "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n");
    for (int i = 1; i <= 150; i++) {
      csv.append(String.format("TX%010d,DE89370400440532013000,2024-01-02,2.00,EUR,\"a,b\",%n", i));
    }
    csv.append("TX0000000003,DE89370400440532013000,2024-01-02,9.00,EUR,,\n");
    RawObjectRef raw = drop("bank_transactions/in folder/big.csv", csv.toString());

    run(SplitEvents.event(raw, "plan"));
    List<JsonNode> items = items(SplitIngestion.itemsKey("bank_transactions", BatchId.of(raw)));
    assertThat(items).hasSizeGreaterThan(3);
    for (JsonNode item : items) {
      run(item);
    }
    run(SplitEvents.event(raw, "keys"));
    List<JsonNode> reruns = items(SplitIngestion.rerunsKey("bank_transactions", BatchId.of(raw)));
    assertThat(reruns).hasSize(1);
    run(reruns.get(0));
    IngestSummary commit = run(SplitEvents.event(raw, "commit"));

    assertThat(commit.results().get(0).outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(commit.results().get(0).rowsAccepted()).isEqualTo(150);
    assertThat(commit.results().get(0).rowsRejected()).isEqualTo(1);
    assertThat(tables.load("bank_transactions").orElseThrow().snapshots()).hasSize(1);
    assertThat(store.list(HISTORY, "_split/")).isEmpty();
  }

  @Test
  void anObjectThatCannotBeSplitIsIngestedWholeByThePlanStepAndGetsNoItems() throws Exception {
    byte[] gzip =
        gzip(
            "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n"
                + "TX0000000001,DE89370400440532013000,2024-01-02,2.00,EUR,,\n".repeat(1));
    store.put("raw", "bank_transactions/big.csv.gz", gzip, "application/gzip");
    ObjectInfo info = store.head("raw", "bank_transactions/big.csv.gz").orElseThrow();
    RawObjectRef raw =
        new RawObjectRef("raw", info.key(), null, info.eTag(), info.size(), CLOCK.instant());

    IngestSummary plan = run(SplitEvents.event(raw, "plan"));
    IngestSummary commit = run(SplitEvents.event(raw, "commit"));

    assertThat(plan.results().get(0).outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(items(SplitIngestion.itemsKey("bank_transactions", BatchId.of(raw)))).isEmpty();
    assertThat(commit.results().get(0).outcome()).isEqualTo(IngestOutcome.FANNED_OUT);
    assertThat(tables.load("bank_transactions").orElseThrow().snapshots()).hasSize(1);
  }

  @Test
  void anUnknownStepFailsTheInvocation() {
    RawObjectRef raw = drop("bank_transactions/x.csv", "transaction_id\n");

    assertThatThrownBy(() -> run(SplitEvents.event(raw, "shuffle")))
        .hasMessageContaining("Cannot run large-file step 'shuffle'");
  }

  private IngestSummary run(JsonNode event) throws Exception {
    S3Event s3Event = EventFixtures.s3EventFromJson(LakeJson.mapper().writeValueAsString(event));
    return processor.process(s3Event);
  }

  private List<JsonNode> items(String key) throws Exception {
    try (InputStream in = store.open(HISTORY, key)) {
      List<JsonNode> items = new ArrayList<>();
      LakeJson.mapper().readTree(in).forEach(items::add);
      return items;
    }
  }

  private RawObjectRef drop(String key, String content) {
    store.put("raw", key, content.getBytes(StandardCharsets.UTF_8), "text/csv");
    ObjectInfo info = store.head("raw", key).orElseThrow();
    return new RawObjectRef("raw", key, null, info.eTag(), info.size(), CLOCK.instant());
  }

  private static byte[] gzip(String text) throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
