package io.strata.infra;

import java.util.List;
import java.util.Locale;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The lake's storage: the raw, history and analytics buckets, encrypted with a key of ours that
 * rotates, TLS-only, never public, logging their access to a log bucket. All are retained when the
 * stack is deleted: they hold the data.
 */
public final class LakeBuckets extends Construct {

  /** Where Athena writes query results in the analytics bucket; expires after configured days. */
  public static final String ATHENA_RESULTS_PREFIX = "athena-results/";

  /** Where training exports go in the analytics bucket; kept. */
  public static final String EXPORTS_PREFIX = "exports/";

  /**
   * Settings of the buckets.
   *
   * @param rawRetentionDays days a raw object (and any older version) is kept
   * @param athenaResultsExpiryDays days Athena results are kept
   * @param historyNoncurrentVersionDays days an overwritten or deleted history object's old version
   *     is kept
   */
  public record Props(
      int rawRetentionDays, int athenaResultsExpiryDays, int historyNoncurrentVersionDays) {}

  private final Key key;
  private final Bucket logs;
  private final Bucket raw;
  private final Bucket history;
  private final Bucket analytics;

  public LakeBuckets(Construct scope, String id, Props props) {
    super(scope, id);
    key =
        Key.Builder.create(this, "Key")
            .description("Strata lake: buckets, queue, topic and secret")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    logs =
        Bucket.Builder.create(this, "AccessLogs")
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .enforceSsl(true)
            .minimumTlsVersion(1.2)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .lifecycleRules(
                List.of(LifecycleRule.builder().id("expire-logs").expiration(days(365)).build()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    Nag.suppress(
        logs,
        "AwsSolutions-S1",
        "This is the server access log bucket of the lake's buckets; logging its own access would"
            + " log forever");
    raw =
        lakeBucket(
            "Raw",
            true,
            List.of(
                LifecycleRule.builder()
                    .id("raw-retention")
                    .expiration(days(props.rawRetentionDays()))
                    .noncurrentVersionExpiration(days(props.rawRetentionDays()))
                    .abortIncompleteMultipartUploadAfter(days(1))
                    .build()));
    history =
        lakeBucket(
            "History",
            true,
            List.of(
                LifecycleRule.builder()
                    .id("abort-incomplete-uploads")
                    .abortIncompleteMultipartUploadAfter(days(1))
                    .build(),
                LifecycleRule.builder()
                    .id("noncurrent-versions")
                    .noncurrentVersionExpiration(days(props.historyNoncurrentVersionDays()))
                    .expiredObjectDeleteMarker(true)
                    .build()));
    analytics =
        lakeBucket(
            "Analytics",
            false,
            List.of(
                LifecycleRule.builder()
                    .id("athena-results-expiry")
                    .prefix(ATHENA_RESULTS_PREFIX)
                    .expiration(days(props.athenaResultsExpiryDays()))
                    .build(),
                LifecycleRule.builder()
                    .id("abort-incomplete-uploads")
                    .abortIncompleteMultipartUploadAfter(days(1))
                    .build()));
  }

  private Bucket lakeBucket(String id, boolean versioned, List<LifecycleRule> rules) {
    return Bucket.Builder.create(this, id)
        .encryption(BucketEncryption.KMS)
        .encryptionKey(key)
        .bucketKeyEnabled(true)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .enforceSsl(true)
        .minimumTlsVersion(1.2)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .versioned(versioned)
        .serverAccessLogsBucket(logs)
        .serverAccessLogsPrefix(id.toLowerCase(Locale.ROOT) + "/")
        .lifecycleRules(rules)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  private static Duration days(int days) {
    return Duration.days(days);
  }

  /** The customer managed key of every encrypted resource of the lake. */
  public Key key() {
    return key;
  }

  /** The bucket holding server access logs. */
  public Bucket logs() {
    return logs;
  }

  /** Where source systems drop files; versioned, so events carry version ids. */
  public Bucket raw() {
    return raw;
  }

  /** History Parquet, batch manifests, quarantine and the deployed contracts. */
  public Bucket history() {
    return history;
  }

  /** Athena results and training exports. */
  public Bucket analytics() {
    return analytics;
  }
}
