package io.strata.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Turns the rounds of one file into the figures the ingest issue sets targets for: the cold first
 * round, the warm median of the later rounds (a warm Lambda container after its first file),
 * throughput ratios against DuckDB at one and two threads, CPU seconds per MB of both sides, the
 * local lake's time against the core path's, and the largest live heap.
 */
final class Summary {

  private final List<Round> rounds;
  private final List<StrataMode> modes;
  private final long maxHeapBytes;
  private int missed;

  Summary(List<Round> rounds, List<StrataMode> modes, long maxHeapBytes) {
    this.rounds = rounds;
    this.modes = modes;
    this.maxHeapBytes = maxHeapBytes;
  }

  /** Prints the figures and each target as met or not; returns the number of targets missed. */
  int print(PrintStream out) {
    double mb = rounds.get(0).mb();
    List<Round> warm = rounds.size() > 1 ? rounds.subList(1, rounds.size()) : rounds;
    out.printf(
        Locale.ROOT,
        "%-15s %12s %12s %14s %14s %12s%n",
        "run",
        "cold MB/s",
        "warm MB/s",
        "cold cpu s/MB",
        "warm cpu s/MB",
        "live heap MB");
    List<String> names = new ArrayList<>();
    modes.forEach(mode -> names.add(mode.label));
    names.addAll(Round.OTHER_RUNS);
    for (String name : names) {
      if (!rounds.get(0).runs().containsKey(name)) {
        continue;
      }
      out.printf(
          Locale.ROOT,
          "%-15s %12.1f %12.1f %14.4f %14.4f %12d%n",
          name,
          rounds.get(0).runs().get(name).mbPerSecond(mb),
          median(warm, r -> r.runs().get(name).mbPerSecond(mb)),
          rounds.get(0).runs().get(name).cpuSecondsPerMb(mb),
          median(warm, r -> r.runs().get(name).cpuSecondsPerMb(mb)),
          max(rounds, r -> r.runs().get(name).liveHeapBytes()) >> 20);
    }
    out.printf(
        Locale.ROOT,
        "load average per round:%s%n",
        rounds.stream()
            .map(r -> String.format(Locale.ROOT, " %.2f", r.loadAverage()))
            .reduce("", String::concat));
    missed = 0;
    if (has(StrataMode.SINGLE)) {
      target(out, "single warm ≥ 1.0× duckdb threads=1", warm, "single", Round.DUCKDB_1, 1.0);
      target(
          out,
          "single cold ≥ 0.8× duckdb threads=1",
          rounds.subList(0, 1),
          "single",
          Round.DUCKDB_1,
          0.8);
      cpuTarget(out, "single", warm);
    }
    if (has(StrataMode.PIPELINED)) {
      target(out, "pipelined warm ≥ 1.3× duckdb threads=1", warm, "pipelined", Round.DUCKDB_1, 1.3);
      target(out, "pipelined warm ≥ 1.0× duckdb threads=2", warm, "pipelined", Round.DUCKDB_2, 1.0);
      cpuTarget(out, "pipelined", warm);
      if (rounds.get(0).runs().containsKey(Round.LAKE)) {
        double ratio =
            median(
                warm,
                r -> r.runs().get(Round.LAKE).seconds() / r.runs().get("pipelined").seconds());
        report(
            out,
            String.format(
                Locale.ROOT,
                "lake (S3 + commit) within 15%% of the core path's time: %.2f× the time",
                ratio),
            ratio <= 1.15);
      }
    }
    if (has(StrataMode.SINGLE) && rounds.get(0).runs().containsKey(Round.DUCKDB_SAME_1)) {
      double ratio =
          median(
              warm,
              r -> r.runs().get(Round.DUCKDB_SAME_1).seconds() / r.runs().get("single").seconds());
      out.printf(
          Locale.ROOT,
          "for reference, not a target: single warm against duckdb threads=1 writing the same"
              + " shape (lineage columns, one folder per day): %.2f×%n",
          ratio);
    }
    long heap =
        rounds.stream()
            .flatMap(r -> r.runs().values().stream())
            .mapToLong(Measurement::liveHeapBytes)
            .max()
            .orElse(0);
    report(
        out,
        String.format(
            Locale.ROOT, "live heap %d MB within -Xmx %d MB", heap >> 20, maxHeapBytes >> 20),
        heap < maxHeapBytes);
    return missed;
  }

  private boolean has(StrataMode mode) {
    return modes.contains(mode);
  }

  private void target(
      PrintStream out, String what, List<Round> of, String strata, String duckdb, double atLeast) {
    double ratio = median(of, r -> r.runs().get(duckdb).seconds() / r.runs().get(strata).seconds());
    report(out, String.format(Locale.ROOT, "%s: %.2f×", what, ratio), ratio >= atLeast);
  }

  private void cpuTarget(PrintStream out, String strata, List<Round> of) {
    double mine = median(of, r -> r.runs().get(strata).cpuSeconds());
    double duck = median(of, r -> r.runs().get(Round.DUCKDB_1).cpuSeconds());
    report(
        out,
        String.format(
            Locale.ROOT,
            "%s warm CPU seconds ≤ duckdb threads=1: %.2f s against %.2f s (%.2f×)",
            strata,
            mine,
            duck,
            mine / duck),
        mine <= duck);
  }

  private void report(PrintStream out, String line, boolean met) {
    if (!met) {
      missed++;
    }
    out.println((met ? "target met:     " : "target NOT met: ") + line);
  }

  static double median(List<Round> rounds, ToDoubleFunction<Round> value) {
    double[] sorted = rounds.stream().mapToDouble(value).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static long max(List<Round> rounds, java.util.function.ToLongFunction<Round> value) {
    return rounds.stream().mapToLong(value).max().orElse(0);
  }
}
