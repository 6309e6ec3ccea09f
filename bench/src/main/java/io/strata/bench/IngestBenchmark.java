package io.strata.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ingest throughput of Strata against DuckDB on the same CSV, in the same process, alternating
 * within each round: Strata's core path single-threaded (first, so that round 1 is a fresh JVM's
 * cold figure) and pipelined (encoding on a second thread), the same file through the local lake
 * (s3proxy over the S3 protocol, Iceberg commit on the JDBC catalog), then DuckDB's {@code COPY …
 * TO parquet} with ZSTD at {@code threads=1} and {@code threads=2}. Every Strata run is the real
 * path: every value validated, key uniqueness, PII masked, partitioned ZSTD Parquet with
 * statistics, one Iceberg commit, the batch manifest.
 *
 * <p>Prints one JSON line per round (wall and CPU seconds, MB/s, live heap, load average), then the
 * cold and warm figures and each target of the ingest issue as met or not. Exits with status 2 when
 * a target was missed. Run it with the serial collector, as Lambda's Java runtimes and native
 * images collect: the header names the collectors in use.
 *
 * <p>Usage: {@code java -XX:+UseSerialGC -Xmx256m -jar bench/target/strata-bench.jar [--sizes-mb
 * 200] [--rounds 3] [--dir bench-data] [--datasets datasets] [--modes single,pipelined] [--lake
 * true]}
 */
public final class IngestBenchmark {

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    long maxHeap = Runtime.getRuntime().maxMemory();
    System.out.printf(
        Locale.ROOT,
        "Strata ingest benchmark: JVM %s, max heap %d MB, collectors %s, %d processors,"
            + " load average %.2f%n",
        Runtime.version(),
        maxHeap >> 20,
        LiveHeap.collectors(),
        Runtime.getRuntime().availableProcessors(),
        loadAverage());
    int missed = 0;
    for (int sizeMb : options.sizesMb()) {
      missed += runSize(options, sizeMb, maxHeap);
    }
    if (missed > 0) {
      System.exit(2);
    }
  }

  private static int runSize(BenchOptions options, int sizeMb, long maxHeap) throws Exception {
    Path root = options.dir().resolve("size-" + sizeMb);
    Path csv = root.resolve(StrataIngest.RAW).resolve(StrataIngest.KEY);
    Files.createDirectories(csv.getParent());
    if (!Files.exists(csv)) {
      long rows = BankCsvGenerator.write(csv, sizeMb * 1_000_000L, 42);
      System.out.printf(Locale.ROOT, "Generated %s: %d rows%n", csv, rows);
    }
    double mb = Files.size(csv) / 1_000_000.0;
    System.out.printf(Locale.ROOT, "%nFile: %.1f MB (%s)%n", mb, csv);
    List<String> order = new ArrayList<>();
    options.modes().forEach(mode -> order.add(mode.label));
    order.addAll(Round.OTHER_RUNS);
    List<Round> rounds = new ArrayList<>();
    try (LakePath lake = options.lake() ? LakePath.start(root.resolve("lake"), csv) : null) {
      for (int number = 1; number <= options.rounds(); number++) {
        double load = loadAverage();
        Map<String, Measurement> runs = new LinkedHashMap<>();
        for (StrataMode mode : options.modes()) {
          runs.put(mode.label, CorePath.run(root, options.datasets(), mode));
        }
        if (lake != null) {
          runs.put(Round.LAKE, lake.run(options.datasets(), StrataMode.PIPELINED));
        }
        Path out = root.resolve("duckdb.parquet");
        runs.put(Round.DUCKDB_1, DuckDbCopy.run(csv, out, 1));
        runs.put(Round.DUCKDB_2, DuckDbCopy.run(csv, out, 2));
        runs.put(
            Round.DUCKDB_SAME_1, DuckDbCopy.runSameOutput(csv, root.resolve("duckdb-same"), 1));
        Round round = new Round(number, mb, load, runs);
        rounds.add(round);
        System.out.println(round.json(order));
      }
    }
    return new Summary(rounds, options.modes(), maxHeap).print(System.out);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
