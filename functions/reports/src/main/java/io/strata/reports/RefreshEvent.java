package io.strata.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.core.ingest.LakeLayout;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What starts a refresh: S3's notification of new batch manifests in the history bucket ({@code
 * Records}), or EventBridge's scheduled event (no records), which refreshes every materialized
 * report; so does any other event without records (an operator's manual invocation, S3's test event
 * when the notification is set up), which costs only catalog reads for tables already current.
 * Unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RefreshEvent(
    @JsonProperty("Records") List<Record> records,
    String id,
    String source,
    @JsonProperty("detail-type") String detailType,
    String time) {

  /** One S3 notification record. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Record(String eventName, S3 s3) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record S3(Bucket bucket, @JsonProperty("object") S3Object object) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Bucket(String name) {}

  /** An object as S3 notifications name it: the key URL-encoded ({@code +} for a space). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record S3Object(String key) {}

  /**
   * The datasets whose reports to refresh: those named by the batch manifests this event reports
   * created in {@code historyBucket}, or empty for "every dataset" when it is no S3 notification.
   * Records of other buckets, other keys and other events name none.
   */
  public Optional<Set<String>> datasets(String historyBucket) {
    if (records == null) {
      return Optional.empty();
    }
    Set<String> datasets = new TreeSet<>();
    for (Record record : records) {
      if (record == null
          || record.eventName() == null
          || !record.eventName().startsWith("ObjectCreated:")
          || record.s3() == null
          || record.s3().bucket() == null
          || !historyBucket.equals(record.s3().bucket().name())
          || record.s3().object() == null
          || record.s3().object().key() == null) {
        continue;
      }
      String key = URLDecoder.decode(record.s3().object().key(), StandardCharsets.UTF_8);
      LakeLayout.datasetOfManifest(key).ifPresent(datasets::add);
    }
    return Optional.of(datasets);
  }
}
