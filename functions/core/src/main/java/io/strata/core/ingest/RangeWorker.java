package io.strata.core.ingest;

import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.SourceFormat;
import io.strata.core.history.BatchInfo;
import io.strata.core.history.HistoryTarget;
import io.strata.core.history.HistoryWriter;
import io.strata.core.history.WrittenFile;
import io.strata.core.ingest.split.ByteRange;
import io.strata.core.ingest.split.LineShift;
import io.strata.core.ingest.split.RangeKeys;
import io.strata.core.ingest.split.RangeResult;
import io.strata.core.ingest.split.SplitPlan;
import io.strata.core.parse.FileRejectedException;
import io.strata.core.parse.RecordStream;
import io.strata.core.parse.RecordStreams;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.validate.KeyTracker;
import io.strata.core.validate.PiiProtector;
import io.strata.core.validate.RowValidator;
import io.strata.core.validate.Violation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.iceberg.ContentFileParser;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;

/**
 * Ingests one byte range of a raw object exactly as the whole-file path ingests the file (same
 * parser, validation, key check, PII rules and history writer, see {@link BatchIngestion}), into
 * files of its own: Parquet files named {@code <batch-id>-r<range>-<n>.parquet}, its part of the
 * rejects, and its sorted keys. The CSV header the plan carries is parsed before the range, and
 * lines are those of the whole file. Rows whose key an earlier range holds (known after the key
 * check, on a rerun) are rejected as the whole file would reject them. Nothing becomes visible: the
 * commit of the whole object does.
 */
final class RangeWorker {

  /** How FastCSV says that a range ended inside a quoted field. */
  static final String UNCLOSED = "a quoted field is not closed before the end of the file";

  private static final Set<String> EMPTY = Set.of("empty_file", "no_records");

  private final ObjectStore store;
  private final IngestSettings settings;
  private final SplitWork work;
  private final DatasetContract contract;
  private final RawObjectRef raw;
  private final SplitPlan plan;
  private final ByteRange range;
  private final long[] duplicateLines;
  private final PiiProtector pii;
  private final RowValidator validator;
  private final RejectionTally tally;
  private final RangeKeys firstKeys = new RangeKeys();
  private long rows;
  private long accepted;
  private long crossDuplicates;

  RangeWorker(
      ObjectStore store,
      IngestSettings settings,
      SplitWork work,
      DatasetContract contract,
      RawObjectRef raw,
      SplitPlan plan,
      int index,
      long[] duplicateLines) {
    this.store = store;
    this.settings = settings;
    this.work = work;
    this.contract = contract;
    this.raw = raw;
    this.plan = plan;
    this.range = plan.range(index);
    this.duplicateLines = duplicateLines;
    this.pii = new PiiProtector(settings.piiHashKey());
    this.validator = new RowValidator(contract, pii);
    this.tally = new RejectionTally(settings.maxReportedErrors());
  }

  RangeResult run(Table table) {
    BatchInfo batch = new BatchInfo(contract.name(), plan.batchId(), raw.arrivedAt(), raw.key());
    String stem = String.format(Locale.ROOT, "%s-r%05d", plan.batchId(), range.index());
    String bucket = work.bucket();
    try (KeyTracker keys = new KeyTracker(contract);
        HistoryWriter history =
            new HistoryWriter(
                store, bucket, contract, batch, settings.history(), HistoryTarget.of(table), stem);
        RejectsFile rejects = new RejectsFile(store, bucket, work.rejectsKey(range.index()))) {
      try {
        return read(table, keys, history, rejects);
      } catch (RuntimeException | Error e) {
        // Not the data's fault: the retry rewrites the same keys.
        history.abandon();
        throw e;
      }
    }
  }

  private RangeResult read(
      Table table, KeyTracker keys, HistoryWriter history, RejectsFile rejects) {
    String rejection = null;
    String message = null;
    String empty = null;
    String emptyMessage = null;
    boolean unclosed = false;
    boolean writing = true;
    try {
      writing = readAll(keys, history, rejects);
    } catch (FileRejectedException e) {
      if (EMPTY.contains(e.reason())) {
        empty = e.reason();
        emptyMessage = e.getMessage();
      } else {
        rejection = e.reason();
        message = e.getMessage();
        unclosed = e.getMessage().contains(UNCLOSED) && range.end() < plan.objectSize();
        writing = false;
      }
    }
    List<WrittenFile> files = List.of();
    List<String> dataFiles = List.of();
    String rejectsKey = null;
    String profileKey = null;
    if (writing) {
      profileKey = work.putProfile(range.index(), history.profiler());
      files = history.finish();
      dataFiles = history.dataFiles().stream().map(f -> json(f, table)).toList();
      rejectsKey = rejects.commit();
    } else {
      history.abort();
    }
    String keysKey = null;
    if (!contract.key().isEmpty()) {
      keysKey = work.keysKey(range.index());
      store.put(bucket(), keysKey, firstKeys.encode(), "application/octet-stream");
    }
    return new RangeResult(
        range.index(),
        rows,
        accepted,
        tally.rejectedRows(),
        tally.violations(),
        tally.kept(),
        tally.byRule(),
        files,
        dataFiles,
        rejectsKey,
        keysKey,
        profileKey,
        crossDuplicates,
        rejection,
        message,
        empty,
        emptyMessage,
        unclosed,
        writing);
  }

  /** The loop of the whole-file path, with the lines of the whole file. */
  private boolean readAll(KeyTracker keys, HistoryWriter history, RejectsFile rejects) {
    long maxRejected = contract.errorPolicy().maxRejectedRows();
    ValidatedBlock block = new ValidatedBlock(contract.columns().size());
    boolean writing = true;
    LineShift shift = new LineShift(range, parserFirstLine());
    try (RecordStream records =
        shift.records(RecordStreams.open(open(), contract, settings.parseLimits()))) {
      while (block.fill(records, validator, keys, this::duplicateKey)) {
        for (int i = 0; i < block.size(); i++) {
          rows++;
          long line = block.record(i).line();
          List<Violation> violations = block.violations(i);
          if (violations.isEmpty()) {
            if (!contract.key().isEmpty()) {
              firstKeys.add(keys.hash(block.values(i)), line);
            }
            if (Arrays.binarySearch(duplicateLines, line) >= 0) {
              crossDuplicates++;
              violations = List.of(duplicateKey(line, block.values(i)));
            }
          }
          if (violations.isEmpty()) {
            accepted++;
            if (writing) {
              Object[] values = block.values(i);
              pii.apply(contract, values);
              history.write(values, line);
            }
          } else {
            tally.reject(violations);
            if (writing) {
              rejects.write(violations);
            }
            if (writing && tally.rejectedRows() > maxRejected) {
              writing = false;
              history.abort();
            }
          }
        }
        block.rethrowFailure();
      }
    } catch (FileRejectedException e) {
      throw shift.rejection(e);
    } catch (IOException e) {
      throw new ObjectStoreException("Cannot read " + raw.uri() + ": " + e.getMessage(), e);
    }
    return writing;
  }

  /** The range's bytes, after the header for every range but the first. */
  private InputStream open() {
    InputStream bytes =
        store.openRange(
            raw.bucket(), raw.key(), raw.versionId(), raw.eTag(), range.start(), range.end());
    if (range.start() == 0 || plan.header().length == 0) {
      return bytes;
    }
    return new SequenceInputStream(new ByteArrayInputStream(plan.header()), bytes);
  }

  /** The line the parser gives the range's first byte. */
  private long parserFirstLine() {
    boolean header =
        contract.format() == SourceFormat.CSV && range.start() > 0 && plan.header().length > 0;
    return header ? plan.headerLines() + 1L : 1L;
  }

  private Violation duplicateKey(long line, Object[] values) {
    return DuplicateKeyViolation.of(contract, pii, line, values, "file");
  }

  private String bucket() {
    return work.bucket();
  }

  private static String json(DataFile file, Table table) {
    return ContentFileParser.toJson(file, table.specs().get(file.specId()));
  }
}
