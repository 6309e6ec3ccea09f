package io.strata.core.history;

import io.strata.core.contract.DatasetContract;
import io.strata.core.quality.BatchProfiler;
import io.strata.core.store.ObjectStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.DataFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch of validated rows into the dataset's Iceberg table location as ZSTD-compressed
 * Parquet files {@code <dataset>/data/<partition>/<batchId>-<n>.parquet}, streaming each file to
 * the object store. Files carry the table's field ids, and each becomes an Iceberg {@link DataFile}
 * with its partition and footer metrics, ready to be committed; until then no engine sees it. One
 * file is open per partition; beyond {@link HistorySettings#maxOpenFiles()} the least recently used
 * one is closed, and a partition's next row then starts file {@code n+1}. Keys depend only on the
 * rows and their order, so a retried batch rewrites the same keys.
 *
 * <p>With {@link HistorySettings#encoderThreads()} 1, rows are converted and encoded on a thread of
 * the writer's own while the caller parses and checks the next ones; keys and bytes stay the same.
 * A failure of that thread surfaces from a later {@link #write} or from {@link #finish()}.
 *
 * <p>Not thread-safe. A failed {@link #write} leaves the writer unusable: {@link #abort()} it.
 */
public final class HistoryWriter implements AutoCloseable {

  /** The content type of history objects. */
  public static final String CONTENT_TYPE = "application/vnd.apache.parquet";

  private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);

  private enum State {
    OPEN,
    FAILED,
    FINISHED,
    ABORTED,
    ABANDONED
  }

  private final ObjectStore store;
  private final String bucket;
  private final BatchInfo batch;
  private final HistorySettings settings;
  private final HistoryLayout layout;
  private final HistoryTarget target;
  private final RowPartitioner partitioner;
  private final LinkedHashMap<String, HistoryFile> open = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Integer> filesPerPartition = new HashMap<>();
  private final List<WrittenFile> written = new ArrayList<>();
  private final List<DataFile> dataFiles = new ArrayList<>();
  private final EncoderThread encoder;
  private final String fileStem;
  private final BatchProfiler profiler;
  private State state = State.OPEN;

  public HistoryWriter(
      ObjectStore store,
      String bucket,
      DatasetContract contract,
      BatchInfo batch,
      HistorySettings settings,
      HistoryTarget target) {
    this(store, bucket, contract, batch, settings, target, batch.batchId());
  }

  /**
   * A writer whose files are named {@code <fileStem>-<n>.parquet} instead of after the batch id:
   * the workers of a file ingested in byte ranges write the same batch side by side.
   */
  public HistoryWriter(
      ObjectStore store,
      String bucket,
      DatasetContract contract,
      BatchInfo batch,
      HistorySettings settings,
      HistoryTarget target,
      String fileStem) {
    this.fileStem = Objects.requireNonNull(fileStem, "fileStem");
    this.store = Objects.requireNonNull(store, "store");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.batch = Objects.requireNonNull(batch, "batch");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (!contract.name().equals(batch.dataset())) {
      throw new IllegalArgumentException(
          "Cannot write batch of dataset " + batch.dataset() + " with contract " + contract.name());
    }
    this.target = Objects.requireNonNull(target, "target");
    this.layout = new HistoryLayout(contract, target.schema());
    this.partitioner = new RowPartitioner(contract, target.schema(), target.spec());
    this.profiler = new BatchProfiler(contract);
    this.encoder =
        settings.encoderThreads() == 0
            ? null
            : new EncoderThread(
                "strata-history-" + batch.batchId(), contract.columns().size(), this::encode);
  }

  /**
   * Appends one row.
   *
   * @param values typed values in contract column order, PII already applied
   * @param sourceLine the row's line (or record number) in the raw object
   * @throws IllegalArgumentException when the row misses a required or partition value
   */
  public void write(Object[] values, long sourceLine) {
    if (state != State.OPEN) {
      throw new IllegalStateException(
          "Cannot write to history batch " + batch.batchId() + ": the writer is " + state);
    }
    layout.check(values);
    RowPartitioner.Partition partition = partitioner.partitionOf(values);
    // Every row that reaches history passes here once: the profile costs no second pass.
    profiler.add(values);
    try {
      if (encoder == null) {
        encode(partition, values, sourceLine);
      } else {
        encoder.submit(partition, values, sourceLine);
      }
    } catch (RuntimeException | Error e) {
      state = State.FAILED;
      throw e;
    }
  }

  /** The profile of the rows written so far; merge the profilers of a batch's parts. */
  public BatchProfiler profiler() {
    return profiler;
  }

  /**
   * Converts one row's values to Parquet primitives and writes them into its partition's file; runs
   * on the encoder thread when there is one, which then takes that work off the thread that parses
   * and checks.
   */
  private void encode(RowPartitioner.Partition partition, Object[] values, long sourceLine) {
    HistoryFile file = open.get(partition.path());
    if (file == null) {
      file = openFile(partition);
    }
    file.write(values, sourceLine);
    if (file.rows() >= settings.maxFileRows()) {
      open.remove(partition.path());
      closed(file);
    }
  }

  private void closed(HistoryFile file) {
    added(file.close());
  }

  private void added(HistoryFile.Closed closed) {
    written.add(closed.written());
    dataFiles.add(closed.dataFile());
  }

  /**
   * Closes every open file, side by side ({@link FileCloser}), and returns all files of the batch,
   * sorted by key.
   *
   * @throws IllegalStateException when the writer failed or was aborted
   */
  public List<WrittenFile> finish() {
    if (state != State.OPEN) {
      throw new IllegalStateException(
          "Cannot finish history batch " + batch.batchId() + ": the writer is " + state);
    }
    try {
      if (encoder != null) {
        encoder.finish();
      }
      List<String> partitions = new ArrayList<>(open.keySet());
      partitions.sort(Comparator.naturalOrder());
      List<HistoryFile> last = partitions.stream().map(open::remove).toList();
      FileCloser.Result result = FileCloser.closeAll(last, "strata-close-" + batch.batchId());
      // Files that did close are the batch's now: abort() deletes them, abandon() keeps them.
      result.closed().forEach(this::added);
      result.rethrowFailure();
    } catch (RuntimeException | Error e) {
      state = State.FAILED;
      throw e;
    }
    state = State.FINISHED;
    written.sort(Comparator.comparing(WrittenFile::key));
    dataFiles.sort(Comparator.comparing(DataFile::location));
    long rows = written.stream().mapToLong(WrittenFile::rows).sum();
    // Debug: the ingest service logs the one line per file, with these counts.
    LOG.debug(
        "Wrote {} history files with {} rows for batch {} of dataset {}",
        written.size(),
        rows,
        batch.batchId(),
        batch.dataset());
    return List.copyOf(written);
  }

  /**
   * Discards the batch: aborts open uploads and deletes every file it completed, also after {@link
   * #finish()}. Safe to call more than once.
   */
  public void abort() {
    if (state == State.ABORTED) {
      return;
    }
    state = State.ABORTED;
    if (encoder != null) {
      encoder.abort();
    }
    for (HistoryFile file : open.values()) {
      file.abort();
    }
    open.clear();
    RuntimeException failure = null;
    for (WrittenFile file : written) {
      try {
        store.delete(bucket, file.key());
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    LOG.debug(
        "Aborted history batch {} of dataset {}, deleted {} files",
        batch.batchId(),
        batch.dataset(),
        written.size());
    written.clear();
    dataFiles.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Gives up after a failure that is not the data's fault (storage, a crash of the encoder): aborts
   * open uploads but leaves the files already completed. Their keys are deterministic, so the retry
   * rewrites them, and a concurrent duplicate of the same event may already have committed them:
   * they must not be deleted. Does nothing once the writer finished or was aborted.
   */
  public void abandon() {
    if (state == State.FINISHED || state == State.ABORTED || state == State.ABANDONED) {
      return;
    }
    state = State.ABANDONED;
    if (encoder != null) {
      encoder.abort();
    }
    for (HistoryFile file : open.values()) {
      file.abort();
    }
    open.clear();
    LOG.debug(
        "Abandoned history batch {} of dataset {}; {} completed files stay for the retry",
        batch.batchId(),
        batch.dataset(),
        written.size());
  }

  /** Aborts the batch unless {@link #finish()} succeeded or it was {@link #abandon() abandoned}. */
  @Override
  public void close() {
    if (state != State.FINISHED && state != State.ABANDONED) {
      abort();
    }
  }

  private HistoryFile openFile(RowPartitioner.Partition partition) {
    if (open.size() >= settings.maxOpenFiles()) {
      Iterator<HistoryFile> eldest = open.values().iterator();
      HistoryFile evicted = eldest.next();
      eldest.remove();
      closed(evicted);
    }
    String path = partition.path();
    int number = filesPerPartition.merge(path, 1, Integer::sum) - 1;
    String key =
        batch.dataset()
            + "/data/"
            + (path.isEmpty() ? "" : path + "/")
            + fileStem
            + "-"
            + number
            + ".parquet";
    HistoryFile file =
        new HistoryFile(
            store, bucket, key, partition, layout, target, batch, settings.rowGroupBytes());
    open.put(path, file);
    return file;
  }

  /**
   * The Iceberg data files of the batch, sorted by location, once {@link #finish()} returned: what
   * the table commit appends.
   */
  public List<DataFile> dataFiles() {
    if (state != State.FINISHED) {
      throw new IllegalStateException(
          "Cannot list data files of history batch "
              + batch.batchId()
              + ": the writer is "
              + state);
    }
    return List.copyOf(dataFiles);
  }
}
