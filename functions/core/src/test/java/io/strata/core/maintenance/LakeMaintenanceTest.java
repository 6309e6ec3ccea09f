package io.strata.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.HistoryPolicy;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.table.CommitRetry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pass over namespaces: every table, each with its own retention, one failure stops none. */
class LakeMaintenanceTest {

  @TempDir Path root;

  @Test
  void maintainsEveryTableOfTheNamespacesAndSkipsANamespaceThatDoesNotExist() {
    // given: a history table of 6 batches, and an empty derived table in another namespace
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    SmallBatchLake lake = new SmallBatchLake(root, store, store);
    lake.ingestBatches(1, 6, 20);
    ((SupportsNamespaces) lake.catalog).createNamespace(Namespace.of("strata_current"));
    lake.catalog.createTable(
        TableIdentifier.of("strata_current", "bank_transactions"),
        new Schema(Types.NestedField.required(1, "id", Types.StringType.get())));
    LakeMaintenance maintenance =
        new LakeMaintenance(
            lake.catalog,
            new TableCompactor(new CompactionSettings(1L << 20, 2), CommitRetry.DEFAULT),
            new SnapshotExpiry(
                Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC),
                CommitRetry.DEFAULT),
            table ->
                table.namespace().equals(Namespace.of("strata"))
                    ? new HistoryPolicy("P1D")
                    : HistoryPolicy.FOREVER);

    // when
    List<LakeMaintenance.TableReport> reports =
        maintenance.run(
            List.of(
                Namespace.of("strata"),
                Namespace.of("strata_current"),
                Namespace.of("strata_reports")));

    // then
    assertThat(reports).hasSize(2).allMatch(r -> r.failure() == null);
    LakeMaintenance.TableReport history = reports.get(0);
    assertThat(history.compaction().filesBefore()).isEqualTo(12);
    assertThat(history.compaction().filesAfter()).isEqualTo(2);
    assertThat(history.expiry().expired()).isEqualTo(6);
    assertThat(history.expiry().kept()).isEqualTo(1);
    LakeMaintenance.TableReport current = reports.get(1);
    assertThat(current.compaction().compacted()).isFalse();
    assertThat(current.expiry().cutoff()).isNull();
  }
}
