package io.strata.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measurements of one round on one file: each Strata mode, the local lake, DuckDB at one and at
 * two threads, and DuckDB writing Strata's output shape at one thread, keyed {@code single}, {@code
 * pipelined}, {@code lake}, {@code duckdb_t1}, {@code duckdb_t2}, {@code duckdb_same_t1}.
 */
record Round(int number, double mb, double loadAverage, Map<String, Measurement> runs) {

  static final String LAKE = "lake";
  static final String DUCKDB_1 = "duckdb_t1";
  static final String DUCKDB_2 = "duckdb_t2";
  static final String DUCKDB_SAME_1 = "duckdb_same_t1";

  /** The runs after Strata's own modes, in the order they are printed. */
  static final List<String> OTHER_RUNS = List.of(LAKE, DUCKDB_1, DUCKDB_2, DUCKDB_SAME_1);

  Round {
    runs = Map.copyOf(new LinkedHashMap<>(runs));
  }

  /** One JSON object on one line, to compare runs with each other. */
  String json(Iterable<String> order) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "{\"round\":%d,\"mb\":%.1f,\"load_average\":%.2f",
                number,
                mb,
                loadAverage));
    for (String name : order) {
      Measurement m = runs.get(name);
      if (m != null) {
        line.append(
            String.format(
                Locale.ROOT,
                ",\"%s\":{\"seconds\":%.3f,\"mb_per_s\":%.1f,\"cpu_s\":%.2f,\"cpu_s_per_mb\":%.4f,"
                    + "\"live_heap_mb\":%d}",
                name,
                m.seconds(),
                m.mbPerSecond(mb),
                m.cpuSeconds(),
                m.cpuSecondsPerMb(mb),
                m.liveHeapBytes() >> 20));
      }
    }
    return line.append('}').toString();
  }
}
