package io.strata.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.groups.Tuple.tuple;

import io.strata.core.contract.ColumnType;
import io.strata.core.contract.ColumnType.Kind;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.Pii;
import io.strata.core.ingest.ForwardingObjectStore;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.InMemoryObjectStore;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.store.ObjectWriter;
import io.strata.core.testing.DuckDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWriterRoutingTest {

  private static final String BUCKET = "history";
  private static final BatchInfo BATCH =
      new BatchInfo("sales", "b1", Instant.parse("2024-05-06T00:00:00Z"), "raw/sales/a.csv");

  @TempDir Path root;

  @Test
  void closesTheLeastRecentlyUsedFileAndStartsTheNextNumberWhenItsPartitionReturns()
      throws Exception {
    FileSystemObjectStore store = new FileSystemObjectStore(root.resolve("run1"));

    List<WrittenFile> files = writeRegions(store, new HistorySettings(1 << 20, 2, 1000));

    assertThat(files)
        .extracting(WrittenFile::key, WrittenFile::partition, WrittenFile::rows)
        .containsExactly(
            tuple("sales/data/region=A/b1-0.parquet", "region=A", 2L),
            tuple("sales/data/region=A/b1-1.parquet", "region=A", 1L),
            tuple("sales/data/region=B/b1-0.parquet", "region=B", 1L),
            tuple("sales/data/region=B/b1-1.parquet", "region=B", 1L),
            tuple("sales/data/region=C/b1-0.parquet", "region=C", 1L));
    try (DuckDb duckDb = new DuckDb()) {
      assertThat(
              duckDb.rows(
                  "SELECT region, seq, _source_line, parse_filename(filename) FROM "
                      + DuckDb.table(root.resolve("run1/history/sales"))
                          .replace(")", ", filename=true)")
                      + " ORDER BY seq"))
          .containsExactly(
              List.of("A", "1", "10", "b1-0.parquet"),
              List.of("A", "2", "11", "b1-0.parquet"),
              List.of("B", "3", "12", "b1-0.parquet"),
              List.of("C", "4", "13", "b1-0.parquet"),
              List.of("A", "5", "14", "b1-1.parquet"),
              List.of("B", "6", "15", "b1-1.parquet"));
    }
  }

  @Test
  void writesTheSameKeysAndBytesForTheSameInput() throws Exception {
    FileSystemObjectStore first = new FileSystemObjectStore(root.resolve("run1"));
    FileSystemObjectStore second = new FileSystemObjectStore(root.resolve("run2"));
    HistorySettings settings = new HistorySettings(1 << 20, 2, 1000);

    List<WrittenFile> firstFiles = writeRegions(first, settings);
    List<WrittenFile> secondFiles = writeRegions(second, settings);

    assertThat(secondFiles).isEqualTo(firstFiles);
    for (WrittenFile file : firstFiles) {
      assertThat(Files.readAllBytes(root.resolve("run2/history").resolve(file.key())))
          .isEqualTo(Files.readAllBytes(root.resolve("run1/history").resolve(file.key())));
    }
  }

  @Test
  void startsANewFileWhenAFileReachesItsRowLimit() {
    InMemoryObjectStore store = new InMemoryObjectStore();

    List<WrittenFile> files = writeToRegionA(store, 5, 2);

    assertThat(files)
        .extracting(WrittenFile::key, WrittenFile::rows)
        .containsExactly(
            tuple("sales/data/region=A/b1-0.parquet", 2L),
            tuple("sales/data/region=A/b1-1.parquet", 2L),
            tuple("sales/data/region=A/b1-2.parquet", 1L));
    assertThat(store.keys(BUCKET))
        .containsExactly(
            "sales/data/region=A/b1-0.parquet",
            "sales/data/region=A/b1-1.parquet",
            "sales/data/region=A/b1-2.parquet");
  }

  @Test
  void finishesWhenTheLastFileClosedAtItsRowLimitAndNoneIsOpen() {
    InMemoryObjectStore store = new InMemoryObjectStore();

    List<WrittenFile> files = writeToRegionA(store, 2, 2);

    assertThat(files)
        .extracting(WrittenFile::key, WrittenFile::rows)
        .containsExactly(tuple("sales/data/region=A/b1-0.parquet", 2L));
    assertThat(store.keys(BUCKET)).containsExactly("sales/data/region=A/b1-0.parquet");
  }

  @Test
  void finishesABatchWithoutRowsWithoutFiles() {
    InMemoryObjectStore store = new InMemoryObjectStore();
    HistoryWriter writer =
        TestContracts.writer(
            store, BUCKET, TestContracts.byRegion(), BATCH, HistorySettings.DEFAULT);

    assertThat(writer.finish()).isEmpty();
    assertThat(writer.dataFiles()).isEmpty();
    assertThat(store.keys(BUCKET)).isEmpty();
  }

  @Test
  void writesAnUnpartitionedDatasetDirectlyBelowItsName() throws Exception {
    DatasetContract contract =
        TestContracts.contract(
            "plain",
            List.of(
                TestContracts.column("id", ColumnType.of(Kind.LONG), true, Pii.NONE),
                TestContracts.column("day", ColumnType.date(null), false, Pii.NONE)),
            List.of("id"),
            List.of());
    BatchInfo batch = new BatchInfo("plain", "b9", BATCH.ingestedAt(), "raw/plain/x.csv");
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    List<WrittenFile> files;
    try (HistoryWriter writer =
        TestContracts.writer(store, BUCKET, contract, batch, HistorySettings.DEFAULT)) {
      writer.write(new Object[] {1L, LocalDate.of(1969, 12, 31)}, 2);
      files = writer.finish();
    }

    assertThat(files)
        .extracting(WrittenFile::key, WrittenFile::partition)
        .containsExactly(tuple("plain/data/b9-0.parquet", ""));
    try (DuckDb duckDb = new DuckDb()) {
      assertThat(duckDb.rows("SELECT id, day FROM " + DuckDb.table(root.resolve("history/plain"))))
          .containsExactly(List.of("1", "1969-12-31"));
    }
  }

  @Test
  void escapesStringPartitionValuesInKeys() throws Exception {
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    try (HistoryWriter writer =
        TestContracts.writer(
            store, BUCKET, TestContracts.byRegion(), BATCH, HistorySettings.DEFAULT)) {
      writer.write(new Object[] {"EU/West: 1", 1L}, 1);
      writer.finish();
    }

    assertThat(store.list(BUCKET, ""))
        .extracting(info -> info.key())
        .containsExactly("sales/data/region=EU%2FWest%3A+1/b1-0.parquet");
    try (DuckDb duckDb = new DuckDb()) {
      assertThat(duckDb.rows("SELECT region FROM " + DuckDb.table(root.resolve("history/sales"))))
          .containsExactly(List.of("EU/West: 1"));
    }
  }

  @Test
  void abortDeletesCompletedFilesAndAbortsOpenOnes() {
    InMemoryObjectStore store = new InMemoryObjectStore();
    HistoryWriter writer =
        TestContracts.writer(
            store,
            BUCKET,
            TestContracts.byRegion(),
            BATCH,
            new HistorySettings(1 << 20, 1, 1000, 0));
    writer.write(new Object[] {"A", 1L}, 1);
    writer.write(new Object[] {"B", 2L}, 2);
    writer.write(new Object[] {"C", 3L}, 3);
    assertThat(store.keys(BUCKET))
        .containsExactly("sales/data/region=A/b1-0.parquet", "sales/data/region=B/b1-0.parquet");

    writer.abort();

    assertThat(store.keys(BUCKET)).isEmpty();
    assertThat(store.openWriters()).isZero();
    assertThat(store.abortedWriters()).isEqualTo(1);
  }

  @Test
  void closingWithoutFinishingAbortsTheBatch() throws Exception {
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    try (HistoryWriter writer =
        TestContracts.writer(
            store,
            BUCKET,
            TestContracts.byRegion(),
            BATCH,
            new HistorySettings(1 << 20, 1, 1000))) {
      writer.write(new Object[] {"A", 1L}, 1);
      writer.write(new Object[] {"B", 2L}, 2);
    }

    assertThat(store.list(BUCKET, "")).isEmpty();
    try (var files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void abortAfterFinishDeletesTheFinishedFiles() {
    InMemoryObjectStore store = new InMemoryObjectStore();
    HistoryWriter writer =
        TestContracts.writer(
            store, BUCKET, TestContracts.byRegion(), BATCH, HistorySettings.DEFAULT);
    writer.write(new Object[] {"A", 1L}, 1);
    writer.finish();

    writer.abort();

    assertThat(store.keys(BUCKET)).isEmpty();
  }

  @Test
  void abandoningKeepsCompletedFilesAndAbortsOpenOnesEvenWhenClosedAfterwards() {
    InMemoryObjectStore store = new InMemoryObjectStore();
    HistoryWriter writer =
        TestContracts.writer(
            store,
            BUCKET,
            TestContracts.byRegion(),
            BATCH,
            new HistorySettings(1 << 20, 1, 1000).withEncoderThreads(0));
    writer.write(new Object[] {"A", 1L}, 1);
    writer.write(new Object[] {"B", 2L}, 2);

    writer.abandon();
    writer.close();

    assertThat(store.keys(BUCKET)).containsExactly("sales/data/region=A/b1-0.parquet");
    assertThat(store.openWriters()).isZero();
    assertThat(encoderThreadsAlive()).isZero();
    assertThatThrownBy(() -> writer.write(new Object[] {"C", 3L}, 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot write to history batch b1: the writer is ABANDONED");
  }

  @Test
  void failsTheBatchWhenAFileCannotBeCommittedAndCleansUpOnClose() {
    InMemoryObjectStore store = new InMemoryObjectStore();
    store.failWritesUnder("sales/data/region=B/");
    HistoryWriter writer =
        TestContracts.writer(
            store, BUCKET, TestContracts.byRegion(), BATCH, new HistorySettings(1 << 20, 8, 1000));
    writer.write(new Object[] {"A", 1L}, 1);
    writer.write(new Object[] {"B", 2L}, 2);
    writer.write(new Object[] {"C", 3L}, 3);

    assertThatThrownBy(writer::finish)
        .isInstanceOf(ObjectStoreException.class)
        .hasMessage("Cannot write s3://history/sales/data/region=B/b1-0.parquet: injected failure");
    assertThatThrownBy(() -> writer.write(new Object[] {"A", 4L}, 4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot write to history batch b1: the writer is FAILED");
    writer.close();

    assertThat(store.keys(BUCKET)).isEmpty();
    assertThat(store.openWriters()).isZero();
  }

  @Test
  void commitsTheLastOpenFilesSideBySide() {
    // Each commit waits until the other one has started: one after the other, the first times out.
    CountDownLatch bothCommitting = new CountDownLatch(2);
    InMemoryObjectStore memory = new InMemoryObjectStore();
    ObjectStore store =
        new ForwardingObjectStore(memory) {
          @Override
          public ObjectWriter create(String bucket, String key, String contentType) {
            return new CommitGate(super.create(bucket, key, contentType), bothCommitting);
          }
        };
    HistoryWriter writer =
        TestContracts.writer(
            store, BUCKET, TestContracts.byRegion(), BATCH, new HistorySettings(1 << 20, 8, 1000));
    writer.write(new Object[] {"A", 1L}, 1);
    writer.write(new Object[] {"B", 2L}, 2);

    assertThat(writer.finish())
        .extracting(WrittenFile::key)
        .containsExactly("sales/data/region=A/b1-0.parquet", "sales/data/region=B/b1-0.parquet");
    assertThat(memory.keys(BUCKET))
        .containsExactly("sales/data/region=A/b1-0.parquet", "sales/data/region=B/b1-0.parquet");
    assertThat(writer.dataFiles()).hasSize(2);
    assertThat(closerThreadsAlive()).isZero();
  }

  @Test
  void commitsEveryOtherFileWhenOneFailsAndDeletesThemOnClose() {
    InMemoryObjectStore store = new InMemoryObjectStore();
    store.failWritesUnder("sales/data/region=A/");
    store.failWritesUnder("sales/data/region=C/");
    HistoryWriter writer =
        TestContracts.writer(
            store, BUCKET, TestContracts.byRegion(), BATCH, new HistorySettings(1 << 20, 8, 1000));
    for (String region : List.of("A", "B", "C", "D", "E")) {
      writer.write(new Object[] {region, 1L}, 1);
    }

    Throwable failure = catchThrowable(writer::finish);

    assertThat(failure)
        .isInstanceOf(ObjectStoreException.class)
        .hasMessage("Cannot write s3://history/sales/data/region=A/b1-0.parquet: injected failure");
    assertThat(failure.getSuppressed())
        .singleElement()
        .extracting(Throwable::getMessage)
        .isEqualTo("Cannot write s3://history/sales/data/region=C/b1-0.parquet: injected failure");
    assertThat(store.keys(BUCKET))
        .containsExactly(
            "sales/data/region=B/b1-0.parquet",
            "sales/data/region=D/b1-0.parquet",
            "sales/data/region=E/b1-0.parquet");
    writer.close();
    assertThat(store.keys(BUCKET)).isEmpty();
    assertThat(store.openWriters()).isZero();
    assertThat(closerThreadsAlive()).isZero();
  }

  @Test
  void rejectsARowMissingARequiredValueWithoutBreakingTheBatch() {
    InMemoryObjectStore store = new InMemoryObjectStore();
    try (HistoryWriter writer =
        TestContracts.writer(
            store, BUCKET, TestContracts.byRegion(), BATCH, HistorySettings.DEFAULT)) {
      assertThatThrownBy(() -> writer.write(new Object[] {"A", null}, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Cannot write row of dataset sales: required column seq has no value");
      assertThatThrownBy(() -> writer.write(new Object[] {"A"}, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Cannot write row of dataset sales: expected 2 values, got 1");
      writer.write(new Object[] {"A", 1L}, 2);

      assertThat(writer.finish()).extracting(WrittenFile::rows).containsExactly(1L);
    }
  }

  @Test
  void refusesABatchOfAnotherDataset() {
    BatchInfo other = new BatchInfo("payments", "b1", BATCH.ingestedAt(), "raw/x.csv");

    assertThatThrownBy(
            () ->
                TestContracts.writer(
                    new InMemoryObjectStore(),
                    BUCKET,
                    TestContracts.byRegion(),
                    other,
                    HistorySettings.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot write batch of dataset payments with contract sales");
  }

  @Test
  void writesTheSameKeysAndBytesWithAndWithoutAnEncoderThread() throws Exception {
    FileSystemObjectStore onCaller = new FileSystemObjectStore(root.resolve("single"));
    FileSystemObjectStore pipelined = new FileSystemObjectStore(root.resolve("pipelined"));

    List<WrittenFile> single = writeManyRows(onCaller, new HistorySettings(64 * 1024, 2, 7000, 0));
    List<WrittenFile> encoded =
        writeManyRows(pipelined, new HistorySettings(64 * 1024, 2, 7000, 1));

    assertThat(encoded).isEqualTo(single);
    assertThat(single)
        .extracting(WrittenFile::key, WrittenFile::rows)
        .containsExactly(
            tuple("sales/data/region=A/b1-0.parquet", 7000L),
            tuple("sales/data/region=A/b1-1.parquet", 7000L),
            tuple("sales/data/region=A/b1-2.parquet", 3057L),
            tuple("sales/data/region=B/b1-0.parquet", 2843L),
            tuple("sales/data/region=C/b1-0.parquet", 100L));
    for (WrittenFile file : single) {
      assertThat(Files.readAllBytes(root.resolve("pipelined/history").resolve(file.key())))
          .isEqualTo(Files.readAllBytes(root.resolve("single/history").resolve(file.key())));
    }
  }

  @Test
  void surfacesAFailureOfTheEncoderThreadOnTheCallerAndCleansUpOnClose() {
    InMemoryObjectStore store = new InMemoryObjectStore();
    store.failWritesUnder("sales/data/region=B/");
    HistoryWriter writer =
        TestContracts.writer(
            store, BUCKET, TestContracts.byRegion(), BATCH, new HistorySettings(1 << 20, 1, 1000));
    writer.write(new Object[] {"A", 1L}, 1);
    writer.write(new Object[] {"B", 2L}, 2);
    writer.write(new Object[] {"C", 3L}, 3);

    Throwable thrown = catchThrowable(writer::finish);

    assertThat(thrown)
        .isInstanceOf(ObjectStoreException.class)
        .hasMessage("Cannot write s3://history/sales/data/region=B/b1-0.parquet: injected failure");
    assertThat(thrown.getStackTrace())
        .as("the encoder thread's own exception")
        .anyMatch(frame -> frame.getClassName().equals(EncoderThread.class.getName()));
    assertThatThrownBy(() -> writer.write(new Object[] {"A", 4L}, 4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot write to history batch b1: the writer is FAILED");
    writer.close();
    assertThat(store.keys(BUCKET)).isEmpty();
    assertThat(store.openWriters()).isZero();
    assertThat(encoderThreadsAlive()).isZero();
  }

  @Test
  void endsItsEncoderThreadWhenFinishedOrAborted() {
    InMemoryObjectStore store = new InMemoryObjectStore();
    HistoryWriter finished =
        TestContracts.writer(
            store, BUCKET, TestContracts.byRegion(), BATCH, HistorySettings.DEFAULT);
    finished.write(new Object[] {"A", 1L}, 1);
    BatchInfo other = new BatchInfo("sales", "b2", BATCH.ingestedAt(), "raw/sales/b.csv");
    HistoryWriter aborted =
        TestContracts.writer(
            store, BUCKET, TestContracts.byRegion(), other, HistorySettings.DEFAULT);
    aborted.write(new Object[] {"A", 1L}, 1);
    assertThat(encoderThreadsAlive()).isEqualTo(2);

    finished.finish();
    aborted.abort();

    assertThat(encoderThreadsAlive()).isZero();
    assertThat(store.keys(BUCKET)).containsExactly("sales/data/region=A/b1-0.parquet");
  }

  private static long closerThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("strata-close-"))
        .count();
  }

  /** Passes writes on; its commit waits until {@code committing} counts every commit down. */
  private static final class CommitGate extends ObjectWriter {

    private final ObjectWriter delegate;
    private final CountDownLatch committing;

    CommitGate(ObjectWriter delegate, CountDownLatch committing) {
      this.delegate = delegate;
      this.committing = committing;
    }

    @Override
    public void write(int b) throws IOException {
      delegate.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      delegate.write(b, off, len);
    }

    @Override
    public long bytesWritten() {
      return delegate.bytesWritten();
    }

    @Override
    public void abort() {
      delegate.abort();
    }

    @Override
    public void close() throws IOException {
      committing.countDown();
      try {
        if (!committing.await(10, TimeUnit.SECONDS)) {
          throw new IOException("the other file was not committed at the same time");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      delegate.close();
    }
  }

  private static long encoderThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("strata-history-"))
        .count();
  }

  /**
   * 20,000 rows, many chunks of the encoder thread: every seventh in region B, the rest in A, the
   * last 100 in C, which evicts B (two open files); A rolls over at 7,000 rows.
   */
  private List<WrittenFile> writeManyRows(ObjectStore store, HistorySettings settings) {
    try (HistoryWriter writer =
        TestContracts.writer(store, BUCKET, TestContracts.byRegion(), BATCH, settings)) {
      for (int i = 0; i < 20_000; i++) {
        String region = i >= 19_900 ? "C" : i % 7 == 0 ? "B" : "A";
        writer.write(new Object[] {region, (long) i}, i + 2);
      }
      return writer.finish();
    }
  }

  /** {@code rows} rows of region A, sequence 1 on, at most {@code fileRows} rows per file. */
  private List<WrittenFile> writeToRegionA(ObjectStore store, int rows, long fileRows) {
    try (HistoryWriter writer =
        TestContracts.writer(
            store,
            BUCKET,
            TestContracts.byRegion(),
            BATCH,
            new HistorySettings(1 << 20, 8, fileRows))) {
      for (long seq = 1; seq <= rows; seq++) {
        writer.write(new Object[] {"A", seq}, seq);
      }
      return writer.finish();
    }
  }

  /** Regions A A B C A B with two open files: A is evicted by C, B by the second A. */
  private List<WrittenFile> writeRegions(ObjectStore store, HistorySettings settings) {
    String[] regions = {"A", "A", "B", "C", "A", "B"};
    try (HistoryWriter writer =
        TestContracts.writer(store, BUCKET, TestContracts.byRegion(), BATCH, settings)) {
      for (int i = 0; i < regions.length; i++) {
        writer.write(new Object[] {regions[i], i + 1L}, 10 + i);
      }
      return writer.finish();
    }
  }
}
