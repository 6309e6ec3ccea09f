package io.strata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistoryTables;
import io.strata.core.table.JdbcCatalogs;
import io.strata.core.table.ObjectStoreFileIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankCsvGeneratorTest {

  @TempDir Path root;

  @Test
  void generatesTheSameFileForTheSameSeedAndEveryRowPassesTheContract() throws Exception {
    Path file = root.resolve("strata-raw/bank_transactions/bench.csv");
    Path again = root.resolve("again.csv");
    Files.createDirectories(file.getParent());

    long rows = BankCsvGenerator.write(file, 1_000_000, 42);
    BankCsvGenerator.write(again, 1_000_000, 42);
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    IngestResult result =
        new IngestService(
                store,
                new DirectoryContractRepository(Path.of("../datasets")),
                new HistoryTables(
                    JdbcCatalogs.h2Memory("bench-test", "strata", new ObjectStoreFileIO(store)),
                    "strata",
                    "strata-history",
                    CommitRetry.DEFAULT),
                IngestSettings.defaults("strata-history", null),
                Clock.systemUTC())
            .ingest(
                new RawObjectRef(
                    "strata-raw",
                    "bank_transactions/bench.csv",
                    null,
                    null,
                    Files.size(file),
                    Instant.now()));

    assertThat(Files.mismatch(file, again)).isEqualTo(-1);
    assertThat(Files.size(file)).isBetween(1_000_000L, 1_000_200L);
    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(result.rowsAccepted()).isEqualTo(rows);
    assertThat(result.rowsRejected()).isZero();
    assertThat(result.filesWritten()).isEqualTo(7);
  }
}
