package io.strata.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.aws.ingest.IngestConfig;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.LakeJson;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --reprocess <dataset>}: finds the dataset's quarantined objects by their reports under
 * {@code _quarantine/<dataset>/<batch-id>/report.json} (or {@code report.reprocessing.json}, where
 * an earlier reprocess was cut short) and ingests each again through {@link
 * IngestService#reprocess}, the same path the Lambda takes for a redrive event.
 */
@ApplicationScoped
public class QuarantineRedrive {

  private static final Logger LOG = LoggerFactory.getLogger(QuarantineRedrive.class);
  private static final String S3 = "s3://";
  private static final Pattern REPORT = Pattern.compile("([^/]+)/report(\\.reprocessing)?\\.json");

  private final ObjectStore store;
  private final IngestService ingest;
  private final String historyBucket;

  public QuarantineRedrive(ObjectStore store, IngestService ingest, IngestConfig config) {
    this.store = store;
    this.ingest = ingest;
    this.historyBucket = config.historyBucket();
  }

  /** Ingests every quarantined object of the dataset again. */
  public RawBucketWatcher.ScanResult reprocess(String dataset) {
    String folder = "_quarantine/" + dataset + "/";
    List<IngestResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    // One report per batch: report.json sorts before report.reprocessing.json and wins.
    Map<String, String> reportsByBatch = new TreeMap<>();
    for (ObjectInfo object : store.list(historyBucket, folder)) {
      Matcher report = REPORT.matcher(object.key().substring(folder.length()));
      if (report.matches()) {
        reportsByBatch.merge(report.group(1), object.key(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    for (String reportKey : reportsByBatch.values()) {
      try {
        Optional<RawObjectRef> raw = quarantined(reportKey);
        if (raw.isEmpty()) {
          // Poison stream records: no raw object to ingest again; fixed records are put again.
          LOG.info(
              "Skipped the stream records quarantined in s3://{}/{}", historyBucket, reportKey);
          continue;
        }
        results.add(ingest.reprocess(raw.get()));
      } catch (RuntimeException e) {
        String failure =
            "Cannot reprocess the object quarantined in s3://"
                + historyBucket
                + "/"
                + reportKey
                + ": "
                + e.getMessage();
        LOG.error(failure);
        failures.add(failure);
      }
    }
    return new RawBucketWatcher.ScanResult(results, failures);
  }

  /** The raw object version a quarantine report names; empty for stream records. */
  private Optional<RawObjectRef> quarantined(String reportKey) {
    JsonNode report;
    try (InputStream in = store.open(historyBucket, reportKey)) {
      report = LakeJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("the report cannot be read (" + e.getMessage() + ")", e);
    }
    // The source is s3://<bucket>/<key> with the key as is (not URL-encoded).
    String source = report.path("source").asText("");
    if (source.startsWith("kinesis://")) {
      return Optional.empty();
    }
    int slash = source.indexOf('/', S3.length());
    if (!source.startsWith(S3) || slash <= S3.length() || slash == source.length() - 1) {
      throw new IllegalStateException("the report names no s3://<bucket>/<key> source");
    }
    Instant quarantinedAt =
        report.hasNonNull("quarantinedAt")
            ? Instant.parse(report.get("quarantinedAt").asText())
            : Instant.now();
    return Optional.of(
        new RawObjectRef(
            source.substring(S3.length(), slash),
            source.substring(slash + 1),
            textOrNull(report, "sourceVersionId"),
            textOrNull(report, "sourceETag"),
            0,
            quarantinedAt));
  }

  private static String textOrNull(JsonNode report, String field) {
    return report.hasNonNull(field) ? report.get(field).asText() : null;
  }
}
