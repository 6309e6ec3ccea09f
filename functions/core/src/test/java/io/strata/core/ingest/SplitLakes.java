package io.strata.core.ingest;

import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.ingest.split.SplitSettings;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.HistoryTables;
import io.strata.core.table.S3Location;
import io.strata.core.testing.DuckDb;
import io.strata.core.testing.TestCatalogs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * One raw object ingested twice over the same store into two history buckets with catalogs of their
 * own: whole by {@link IngestService}, and in ranges by {@link ParallelIngest}. Same raw object, so
 * the same batch id and the same lineage columns: every output can be compared.
 */
final class SplitLakes {

  static final String RAW = "strata-raw";
  static final String WHOLE = "history-whole";
  static final String SPLIT = "history-split";
  static final byte[] HASH_KEY = "test-hash-key".getBytes(StandardCharsets.UTF_8);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC);

  private final Path root;
  private final ObjectStore store;
  private final DirectoryContractRepository contracts;
  final HistoryTables wholeTables;
  final HistoryTables splitTables;

  SplitLakes(Path root, ObjectStore store) {
    this(root, store, Path.of("../../datasets"));
  }

  /** Lakes whose contracts are the files of another folder. */
  SplitLakes(Path root, ObjectStore store, Path contractsDir) {
    this.root = root;
    this.store = store;
    this.contracts = new DirectoryContractRepository(contractsDir);
    this.wholeTables = TestCatalogs.tables(store, WHOLE);
    this.splitTables = TestCatalogs.tables(store, SPLIT);
  }

  RawObjectRef drop(String key, byte[] content) {
    store.put(RAW, key, content, "application/octet-stream");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    return new RawObjectRef(
        RAW, key, null, info.eTag(), info.size(), Instant.parse("2024-01-15T06:00:00Z"));
  }

  IngestResult whole(RawObjectRef raw) {
    return wholeService(store).ingest(raw);
  }

  IngestResult split(RawObjectRef raw, long rangeBytes, ExecutorService pool) {
    return split(raw, rangeBytes, pool, store);
  }

  /** Ingests in ranges through {@code via}, a store over the same objects (to inject failures). */
  IngestResult split(RawObjectRef raw, long rangeBytes, ExecutorService pool, ObjectStore via) {
    return parallel(via, rangeBytes, pool).ingest(raw);
  }

  ParallelIngest parallel(ObjectStore via, long rangeBytes, ExecutorService pool) {
    IngestSettings settings = IngestSettings.defaults(SPLIT, HASH_KEY);
    SplitIngestion split =
        new SplitIngestion(
            via,
            contracts,
            splitTables,
            settings,
            new SplitSettings(0, rangeBytes),
            CLOCK,
            List.of(),
            pool);
    IngestService whole = new IngestService(via, contracts, splitTables, settings, CLOCK);
    return new ParallelIngest(split, whole, pool, CLOCK);
  }

  private IngestService wholeService(ObjectStore via) {
    return new IngestService(
        via, contracts, wholeTables, IngestSettings.defaults(WHOLE, HASH_KEY), CLOCK);
  }

  /** Every row the dataset's table holds (its current snapshot's files), in line order. */
  List<String> rows(String bucket, String dataset) throws SQLException {
    HistoryTables tables = bucket.equals(WHOLE) ? wholeTables : splitTables;
    Table table = tables.load(dataset).orElse(null);
    if (table == null || table.currentSnapshot() == null) {
      return List.of();
    }
    List<String> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        S3Location location = S3Location.of(task.file().location());
        files.add("'" + root.resolve(location.bucket()).resolve(location.key()) + "'");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) {
      return List.of();
    }
    return DuckDb.query(
        "SELECT * FROM read_parquet(["
            + String.join(", ", files)
            + "], hive_partitioning=false, union_by_name=true) ORDER BY _source_line");
  }

  /** The text of an object in a bucket, or null when there is none. */
  String text(String bucket, String key) {
    if (store.head(bucket, key).isEmpty()) {
      return null;
    }
    try (InputStream in = store.open(bucket, key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<ObjectInfo> list(String bucket, String prefix) {
    return store.list(bucket, prefix);
  }
}
