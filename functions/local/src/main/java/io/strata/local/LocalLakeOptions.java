package io.strata.local;

import io.strata.core.contract.DatasetNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The local lake's command line. Every option stands for a configuration key (see {@link
 * LocalLakeConfig}), so what the command line says is what the running lake reads.
 */
@Command(
    name = "strata-local",
    usageHelpAutoWidth = true,
    sortOptions = false,
    description = {
      "Runs the Strata lake on this machine: S3 on http://localhost:4566, the query API on"
          + " http://localhost:8080, data in ./lake; every file dropped into the raw bucket is"
          + " ingested. Stop it with Ctrl+C.",
      ""
    },
    footer = {
      "",
      "Exit status: 0 done, 1 an object failed or the lake could not start, 2 a bad command line."
    })
public final class LocalLakeOptions {

  @Option(
      names = "--once",
      description =
          "Ingest what waits in the raw bucket, print a summary and exit. Serves no API and needs"
              + " no free port.")
  boolean once;

  @Option(
      names = "--reprocess",
      paramLabel = "<dataset>",
      description =
          "Ingest the dataset's quarantined objects again, once you fixed its contract; print a"
              + " summary and exit. Committed objects are never ingested twice. Repeatable.")
  List<String> reprocess = new ArrayList<>();

  @Option(
      names = "--maintain",
      description =
          "Compact small files and expire snapshots older than each contract's history.retention"
              + " (never without one), print a summary and exit. The running lake does this"
              + " every hour.")
  boolean maintain;

  @Option(
      names = "--data-dir",
      paramLabel = "<dir>",
      description =
          "Folder of the lake's buckets and state (default: lake, in the current folder).")
  Path dataDir;

  @Option(
      names = "--datasets-dir",
      paramLabel = "<dir>",
      description =
          "Folder of the contracts, the access policy and reports/ (default: the datasets/ folder"
              + " holding an access policy in the current folder or the nearest one above it).")
  Path datasetsDir;

  @Option(
      names = "--s3-port",
      paramLabel = "<port>",
      description = "Port of the local S3 endpoint (default: 4566).")
  Integer s3Port;

  @Option(
      names = "--http-port",
      paramLabel = "<port>",
      description = "Port of the query API (default: 8080).")
  Integer httpPort;

  @Option(
      names = "--iceberg-rest",
      description =
          "Serve the Iceberg REST catalog at http://localhost:<http-port>/iceberg to engines on"
              + " this machine (Trino, Spark, PyIceberg, DuckDB). They read whole tables: role"
              + " rules and contracts do not apply to them.")
  boolean icebergRest;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  /** What a command line asks for. */
  public sealed interface Parsed {

    /** {@code --help}: print the usage and exit 0. */
    record Help(String usage) implements Parsed {}

    /** A command line that cannot be run: one line saying why, exit 2. */
    record Invalid(String message) implements Parsed {}

    /** Options to run the lake with. */
    record Valid(LocalLakeOptions options) implements Parsed {}
  }

  public static Parsed parse(String... args) {
    LocalLakeOptions options = new LocalLakeOptions();
    CommandLine commandLine = new CommandLine(options);
    try {
      commandLine.parseArgs(args);
    } catch (ParameterException e) {
      return new Parsed.Invalid(e.getMessage() + " (see --help)");
    }
    if (options.help) {
      StringWriter usage = new StringWriter();
      commandLine.usage(new PrintWriter(usage));
      return new Parsed.Help(usage.toString());
    }
    String problem = options.problem();
    return problem == null ? new Parsed.Valid(options) : new Parsed.Invalid(problem);
  }

  /** Whether the lake runs once and exits instead of watching the raw bucket. */
  public boolean oneShot() {
    return once || maintain || !reprocess.isEmpty();
  }

  /** The configuration the options stand for; only options given appear. */
  public Map<String, String> configuration() {
    Map<String, String> config = new LinkedHashMap<>();
    if (once) {
      config.put("strata.local.once", "true");
    }
    if (maintain) {
      config.put("strata.local.maintain", "true");
    }
    if (!reprocess.isEmpty()) {
      config.put("strata.local.reprocess", String.join(",", reprocess));
    }
    if (dataDir != null) {
      config.put("strata.local.data-dir", dataDir.toString());
    }
    if (datasetsDir != null) {
      config.put("strata.local.datasets-dir", datasetsDir.toString());
    }
    if (s3Port != null) {
      config.put("strata.local.s3-port", s3Port.toString());
    }
    if (httpPort != null) {
      config.put("quarkus.http.port", httpPort.toString());
    }
    if (icebergRest) {
      config.put("strata.local.iceberg-rest.enabled", "true");
    }
    return config;
  }

  private String problem() {
    for (String dataset : reprocess) {
      if (!DatasetNames.isDatasetName(dataset)) {
        return "Invalid value for option '--reprocess': '"
            + dataset
            + "' is no dataset name ([a-z][a-z0-9_]*) (see --help)";
      }
    }
    if (s3Port != null && (s3Port < 1 || s3Port > 65535)) {
      return "Invalid value for option '--s3-port': " + s3Port + " is no port (1 to 65535)";
    }
    if (httpPort != null && (httpPort < 1 || httpPort > 65535)) {
      return "Invalid value for option '--http-port': " + httpPort + " is no port (1 to 65535)";
    }
    return null;
  }
}
