package io.strata.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The benchmark's command-line options.
 *
 * @param sizesMb sizes of the generated CSV files, in MB
 * @param rounds rounds per size; the first is the cold one, the median of the rest the warm one
 * @param dir where the generated files, the history and the local lake's buckets go
 * @param datasets the contracts
 * @param modes how Strata's core path runs, in order within a round
 * @param lake whether each round also ingests the file through the local lake (S3 protocol)
 */
record BenchOptions(
    List<Integer> sizesMb,
    int rounds,
    Path dir,
    Path datasets,
    List<StrataMode> modes,
    boolean lake) {

  static final String USAGE =
      "--sizes-mb 200 --rounds 3 --dir bench-data --datasets datasets --modes single,pipelined"
          + " --lake true";

  BenchOptions {
    if (rounds < 1) {
      throw new IllegalArgumentException("Cannot run the benchmark: --rounds must be at least 1");
    }
    if (modes.isEmpty()) {
      throw new IllegalArgumentException("Cannot run the benchmark: --modes names no mode");
    }
  }

  static BenchOptions parse(String[] args) {
    List<Integer> sizes = List.of(200);
    int rounds = 3;
    Path dir = Path.of("bench-data");
    Path datasets = Path.of("datasets");
    List<StrataMode> modes = List.of(StrataMode.SINGLE, StrataMode.PIPELINED);
    boolean lake = true;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "Cannot run the benchmark: option " + args[i] + " needs a value; use " + USAGE);
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--sizes-mb" -> sizes = Stream.of(value.split(",")).map(Integer::valueOf).toList();
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--dir" -> dir = Path.of(value);
        case "--datasets" -> datasets = Path.of(value);
        case "--modes" ->
            modes =
                Stream.of(value.split(","))
                    .map(mode -> StrataMode.valueOf(mode.trim().toUpperCase(Locale.ROOT)))
                    .toList();
        case "--lake" -> lake = Boolean.parseBoolean(value);
        default ->
            throw new IllegalArgumentException(
                "Cannot run the benchmark: unknown option " + args[i] + "; use " + USAGE);
      }
    }
    return new BenchOptions(sizes, rounds, dir, datasets, modes, lake);
  }
}
