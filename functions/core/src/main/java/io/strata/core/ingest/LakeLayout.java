package io.strata.core.ingest;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the ingest path puts things. Raw keys are {@code <dataset>/.../<file>}; in the history
 * bucket, data lives under {@code <dataset>/}, manifests and rejects under {@code _batches/} and
 * quarantined files under {@code _quarantine/} (names starting with '_' are hidden from Athena and
 * from the raw-bucket trigger).
 */
public record LakeLayout(String historyBucket) {

  private static final Pattern DATASET = Pattern.compile("[a-z][a-z0-9_]*");
  private static final String UNNAMED = "_unnamed";

  public LakeLayout {
    Objects.requireNonNull(historyBucket, "historyBucket");
  }

  /**
   * Why a raw key is not a data file, or empty when it is one: folder markers (a key ending with
   * '/') and anything with a path segment starting with '_', the convention for temporary and
   * marker files ({@code _SUCCESS}, {@code _temporary/}).
   */
  public static Optional<String> whyIgnored(String rawKey) {
    if (rawKey.isEmpty() || rawKey.endsWith("/")) {
      return Optional.of("folder marker");
    }
    for (String segment : rawKey.split("/")) {
      if (segment.startsWith("_")) {
        return Optional.of("path segment starts with '_': " + segment);
      }
    }
    return Optional.empty();
  }

  /** The dataset a raw key names (its first folder), if it is a well-formed dataset name. */
  public static Optional<String> datasetOf(String rawKey) {
    int slash = rawKey.indexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    String candidate = rawKey.substring(0, slash);
    return DATASET.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
  }

  /** The file name of a raw key (what follows its last '/'). */
  public static String fileNameOf(String rawKey) {
    return rawKey.substring(rawKey.lastIndexOf('/') + 1);
  }

  public String manifestKey(String dataset, String batchId) {
    return "_batches/" + dataset + "/" + batchId + ".json";
  }

  /**
   * The dataset a history key names when it is a batch manifest ({@code
   * _batches/<dataset>/<batch>.json}); empty for any other key, rejects included.
   */
  public static Optional<String> datasetOfManifest(String historyKey) {
    String[] parts = historyKey.split("/", -1);
    if (parts.length != 3
        || !parts[0].equals("_batches")
        || !parts[2].endsWith(".json")
        || parts[2].length() == ".json".length()) {
      return Optional.empty();
    }
    return DATASET.matcher(parts[1]).matches() ? Optional.of(parts[1]) : Optional.empty();
  }

  public String rejectsKey(String dataset, String batchId) {
    return "_batches/" + dataset + "/" + batchId + ".rejects.jsonl";
  }

  /** Quarantine folder of a batch; {@code dataset} may be null when the key names none. */
  public String quarantinePrefix(String dataset, String batchId) {
    return "_quarantine/" + (dataset == null ? UNNAMED : dataset) + "/" + batchId + "/";
  }

  /**
   * Where the copy of a quarantined raw object goes: {@code source/<file name>} inside the batch's
   * quarantine folder, so that no file name can collide with {@code report.json}.
   */
  public String quarantineCopyKey(String dataset, String batchId, String rawKey) {
    return quarantinePrefix(dataset, batchId) + "source/" + fileNameOf(rawKey);
  }

  public String quarantineReportKey(String dataset, String batchId) {
    return quarantinePrefix(dataset, batchId) + "report.json";
  }

  /**
   * Where a quarantine report waits while its object is reprocessed: beside the report, so an
   * attempt cut short (a Lambda timeout, a killed process) leaves the quarantine findable by the
   * next redrive instead of a folder without a report.
   */
  public String quarantineReportAsideKey(String dataset, String batchId) {
    return quarantinePrefix(dataset, batchId) + "report.reprocessing.json";
  }
}
