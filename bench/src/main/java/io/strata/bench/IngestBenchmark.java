package io.strata.bench;

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
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Ingest throughput of Strata's core path (parse, validate every value, mask PII, write ZSTD
 * Parquet partitioned by day, manifest) against DuckDB's single-threaded {@code COPY … TO parquet}
 * on the same CSV, in the same process, alternating rounds. Prints MB/s of both, their ratio, the
 * CPU seconds the process spent during Strata's run (all threads, JIT and GC included; on a busy
 * machine a steadier figure than MB/s) and Strata's largest live heap after a garbage collection,
 * per file size, so that a flat heap across sizes shows bounded memory.
 *
 * <p>Each round runs Strata once per mode ({@code pipelined}: encoding on a second thread, {@code
 * single}: everything on the calling thread), then DuckDB. The first round of a fresh JVM is the
 * cold figure; run one mode alone ({@code --modes single}) for that mode's cold figure.
 *
 * <p>Usage: {@code java -jar bench/target/strata-bench.jar [--sizes-mb 50,200] [--rounds 3] [--dir
 * bench-data] [--datasets datasets] [--modes pipelined,single]}
 */
public final class IngestBenchmark {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    System.out.printf(
        Locale.ROOT,
        "Strata ingest benchmark: JVM %s, max heap %d MB, %d processors%n",
        Runtime.version(),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    for (int sizeMb : options.sizesMb()) {
      runSize(options, sizeMb);
    }
  }

  private static void runSize(Options options, int sizeMb) throws Exception {
    Path root = options.dir().resolve("size-" + sizeMb);
    Path csv = root.resolve(RAW).resolve("bank_transactions").resolve("bench.csv");
    Files.createDirectories(csv.getParent());
    if (!Files.exists(csv)) {
      long rows = BankCsvGenerator.write(csv, sizeMb * 1_000_000L, 42);
      System.out.printf(Locale.ROOT, "Generated %s: %d rows%n", csv, rows);
    }
    double mb = Files.size(csv) / 1_000_000.0;
    System.out.printf(Locale.ROOT, "%nFile: %.1f MB%n", mb);
    StringBuilder header = new StringBuilder("round");
    for (Mode mode : options.modes()) {
      header.append(
          String.format(Locale.ROOT, "  %9s MB/s  ratio  cpu s  live heap MB", mode.label));
    }
    System.out.println(header.append("  duckdb MB/s"));
    List<Mode> modes = options.modes();
    List<List<Double>> rates = new ArrayList<>();
    List<List<Double>> ratios = new ArrayList<>();
    long[] peakHeap = new long[modes.size()];
    for (int m = 0; m < modes.size(); m++) {
      rates.add(new ArrayList<>());
      ratios.add(new ArrayList<>());
    }
    List<Double> duckRates = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      double[] roundRates = new double[modes.size()];
      long[] roundHeap = new long[modes.size()];
      double[] roundCpu = new double[modes.size()];
      for (int m = 0; m < modes.size(); m++) {
        deleteTree(root.resolve(HISTORY));
        LiveHeap.reset();
        long cpuBefore = processCpuNanos();
        double seconds = timeStrata(root, csv, options.datasets(), modes.get(m));
        roundCpu[m] = (processCpuNanos() - cpuBefore) / 1e9;
        roundHeap[m] = LiveHeap.maxBytes();
        peakHeap[m] = Math.max(peakHeap[m], roundHeap[m]);
        roundRates[m] = mb / seconds;
      }
      double duckRate = mb / timeDuckDb(csv, root.resolve("duckdb.parquet"));
      duckRates.add(duckRate);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5d", round));
      for (int m = 0; m < modes.size(); m++) {
        rates.get(m).add(roundRates[m]);
        ratios.get(m).add(roundRates[m] / duckRate);
        line.append(
            String.format(
                Locale.ROOT,
                "  %14.1f  %5.2f  %5.1f  %12d",
                roundRates[m],
                roundRates[m] / duckRate,
                roundCpu[m],
                roundHeap[m] >> 20));
      }
      System.out.println(line.append(String.format(Locale.ROOT, "  %11.1f", duckRate)));
    }
    StringBuilder summary = new StringBuilder("median");
    for (int m = 0; m < modes.size(); m++) {
      summary.append(
          String.format(
              Locale.ROOT,
              " %14.1f  %5.2f         %12d",
              median(rates.get(m)),
              median(ratios.get(m)),
              peakHeap[m] >> 20));
    }
    System.out.println(
        summary.append(String.format(Locale.ROOT, "  %11.1f  (heap: max)", median(duckRates))));
  }

  private static double timeStrata(Path root, Path csv, Path datasets, Mode mode)
      throws IOException {
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    IngestSettings defaults = IngestSettings.defaults(HISTORY, null);
    IngestSettings settings =
        new IngestSettings(
            defaults.layout(),
            defaults.parseLimits(),
            defaults.history().withEncoderThreads(mode.encoderThreads),
            null,
            defaults.maxReportedErrors());
    IngestService service =
        new IngestService(
            store,
            new DirectoryContractRepository(datasets),
            new HistoryTables(
                JdbcCatalogs.h2Memory(
                    "bench-" + UUID.randomUUID(), "strata", new ObjectStoreFileIO(store)),
                "strata",
                HISTORY,
                CommitRetry.DEFAULT),
            settings,
            Clock.systemUTC());
    String key = root.resolve(RAW).relativize(csv).toString().replace('\\', '/');
    String eTag = store.head(RAW, key).orElseThrow().eTag();
    RawObjectRef raw = new RawObjectRef(RAW, key, null, eTag, Files.size(csv), Instant.now());
    long start = System.nanoTime();
    IngestResult result = service.ingest(raw);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (result.outcome() != IngestOutcome.COMMITTED || result.rowsRejected() != 0) {
      throw new IllegalStateException("The benchmark file did not ingest cleanly: " + result);
    }
    return seconds;
  }

  private static double timeDuckDb(Path csv, Path out) throws SQLException, IOException {
    Files.deleteIfExists(out);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads = 1");
      long start = System.nanoTime();
      statement.execute(
          "COPY (SELECT * FROM read_csv('"
              + csv
              + "', header = true, columns = {'transaction_id': 'VARCHAR', 'account_iban':"
              + " 'VARCHAR', 'booking_date': 'DATE', 'amount': 'DECIMAL(18,2)', 'currency':"
              + " 'VARCHAR', 'counterparty': 'VARCHAR', 'channel': 'VARCHAR'})) TO '"
              + out
              + "' (FORMAT parquet, COMPRESSION zstd)");
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /** CPU time of the whole process (every thread, JIT and GC included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** How Strata runs: everything on the caller's thread, or encoding on a second thread. */
  enum Mode {
    SINGLE("single", 0),
    PIPELINED("pipelined", 1);

    final String label;
    final int encoderThreads;

    Mode(String label, int encoderThreads) {
      this.label = label;
      this.encoderThreads = encoderThreads;
    }
  }

  /** Command-line options. */
  record Options(List<Integer> sizesMb, int rounds, Path dir, Path datasets, List<Mode> modes) {

    static Options parse(String[] args) {
      List<Integer> sizes = List.of(200);
      int rounds = 3;
      Path dir = Path.of("bench-data");
      Path datasets = Path.of("datasets");
      List<Mode> modes = List.of(Mode.PIPELINED, Mode.SINGLE);
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--sizes-mb" -> sizes = Stream.of(value.split(",")).map(Integer::valueOf).toList();
          case "--rounds" -> rounds = Integer.parseInt(value);
          case "--dir" -> dir = Path.of(value);
          case "--datasets" -> datasets = Path.of(value);
          case "--modes" ->
              modes =
                  Stream.of(value.split(","))
                      .map(mode -> Mode.valueOf(mode.toUpperCase(Locale.ROOT)))
                      .toList();
          default ->
              throw new IllegalArgumentException(
                  "Unknown option "
                      + args[i]
                      + "; use --sizes-mb 50,200 --rounds 3 --dir bench-data --datasets datasets"
                      + " --modes pipelined,single");
        }
        i++;
      }
      return new Options(sizes, rounds, dir, datasets, modes);
    }
  }
}
