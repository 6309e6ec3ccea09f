package io.strata.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.TestCatalogs;
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

class CommitFollowerTest {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";
  private static final byte[] HASH_KEY = "test-hash-key".getBytes(StandardCharsets.UTF_8);
  private static final String CSV =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n"
          + "TX0000000001,DE89370400440532013000,2024-01-15,1.00,EUR,,\n";

  @TempDir Path lake;
  private FileSystemObjectStore store;
  private HistoryTables tables;
  private final List<Long> followed = new ArrayList<>();

  @BeforeEach
  void setUp() {
    store = new FileSystemObjectStore(lake);
    tables = TestCatalogs.tables(store, HISTORY);
  }

  @Test
  void followsTheCommittedSnapshotBeforeTheManifestIsWritten() {
    RawObjectRef raw = drop("bank_transactions/tx.csv");
    List<Boolean> manifestAtFollow = new ArrayList<>();
    CommitFollower follower =
        (contract, history, committed) -> {
          assertThat(contract.name()).isEqualTo("bank_transactions");
          manifestAtFollow.add(!manifests().isEmpty());
          followed.add(committed.snapshotId());
        };

    IngestResult result = serviceWith(follower).ingest(raw);

    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(followed)
        .containsExactly(
            tables.load("bank_transactions").orElseThrow().currentSnapshot().snapshotId());
    assertThat(manifestAtFollow).containsExactly(false);
    assertThat(manifests()).hasSize(1);
  }

  @Test
  void aFailingFollowerLeavesTheBatchWithoutManifestAndTheRetryFollowsAgainWithoutAppending() {
    RawObjectRef raw = drop("bank_transactions/tx.csv");
    CommitFollower failing =
        (contract, history, committed) -> {
          throw new IllegalStateException("simulated follower failure");
        };
    assertThatThrownBy(() -> serviceWith(failing).ingest(raw))
        .hasMessageContaining("simulated follower failure");
    assertThat(manifests()).isEmpty();

    IngestResult retry =
        serviceWith((contract, history, committed) -> followed.add(committed.snapshotId()))
            .ingest(raw);

    assertThat(retry.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(tables.load("bank_transactions").orElseThrow().snapshots()).hasSize(1);
    assertThat(followed).hasSize(1);
    assertThat(manifests()).hasSize(1);
  }

  @Test
  void aQuarantinedFileIsNotFollowed() {
    RawObjectRef raw = drop("no_such_dataset/tx.csv");

    IngestResult result =
        serviceWith((contract, history, committed) -> followed.add(committed.snapshotId()))
            .ingest(raw);

    assertThat(result.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(followed).isEmpty();
  }

  private IngestService serviceWith(CommitFollower follower) {
    return new IngestService(
        store,
        new DirectoryContractRepository(Path.of("../../datasets")),
        tables,
        IngestSettings.defaults(HISTORY, HASH_KEY),
        Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC),
        List.of(follower));
  }

  private RawObjectRef drop(String key) {
    store.put(RAW, key, CSV.getBytes(StandardCharsets.UTF_8), "text/csv");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    return new RawObjectRef(
        RAW, key, null, info.eTag(), info.size(), Instant.parse("2024-01-15T06:00:00Z"));
  }

  private List<ObjectInfo> manifests() {
    return store.list(HISTORY, "_batches/");
  }
}
