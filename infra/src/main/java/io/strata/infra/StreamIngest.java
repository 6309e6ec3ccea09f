package io.strata.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The streaming layer: one Kinesis stream per streamed dataset (on-demand capacity, encrypted with
 * the lake key), read by the stream function through Lambda's event source mapping with {@code
 * ReportBatchItemFailures}, bisection on error, bounded retries and record age, and an encrypted
 * dead-letter queue for batches that still fail; alarms on the age of the oldest unread record and
 * on the dead-letter queue. The function's role reads its streams, reads and writes history (never
 * the contracts), reads the PII hash key and commits to the lake's Iceberg tables.
 */
public final class StreamIngest extends Construct {

  /**
   * Settings of the streaming layer.
   *
   * @param namePrefix streams are named {@code <namePrefix><dataset>}
   */
  public record Props(
      StreamSettings settings,
      FunctionZip zip,
      Architecture architecture,
      String namePrefix,
      LakeBuckets buckets,
      LakeCatalog catalog,
      String contractsLocation,
      String contractsPrefix,
      ISecret piiHashKey,
      ITopic alarms,
      RetentionDays logRetention) {}

  private final LakeFunction function;
  private final Queue deadLetterQueue;
  private final Map<String, Stream> streams = new LinkedHashMap<>();

  public StreamIngest(Construct scope, String id, Props props) {
    super(scope, id);
    StreamSettings settings = props.settings();
    LakeBuckets buckets = props.buckets();
    deadLetterQueue = DeadLetterQueues.create(this, buckets.key(), "stream function");
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("STRATA_HISTORY_BUCKET", buckets.history().getBucketName());
    environment.put("STRATA_CONTRACTS_LOCATION", props.contractsLocation());
    environment.put("STRATA_CATALOG_DATABASE", props.catalog().databaseName());
    environment.put("STRATA_PII_HASH_KEY_SECRET", props.piiHashKey().getSecretArn());
    environment.put("STRATA_STREAM_NAME_PREFIX", props.namePrefix());
    function =
        new LakeFunction(
            this,
            "Stream",
            new LakeFunction.Props(
                "Strata stream: Kinesis micro-batch -> validated history snapshot",
                props.zip(),
                props.architecture(),
                settings.memoryMb(),
                512,
                Duration.minutes(5),
                0,
                environment,
                props.logRetention(),
                null,
                0));
    function.compileHotCodeFully();
    buckets.history().grantReadWrite(function.function());
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.DENY)
            .actions(IngestFunction.CONTRACTS_DENIED_ACTIONS)
            .resources(List.of(buckets.history().arnForObjects(props.contractsPrefix() + "*")))
            .build());
    props.piiHashKey().grantRead(function.function());
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(IngestFunction.GLUE_ACTIONS)
            .resources(props.catalog().glueArns())
            .build());
    for (String dataset : settings.datasets()) {
      Stream stream =
          Stream.Builder.create(this, "Stream-" + dataset)
              .streamName(props.namePrefix() + dataset)
              .streamMode(StreamMode.ON_DEMAND)
              .encryption(StreamEncryption.KMS)
              .encryptionKey(buckets.key())
              .retentionPeriod(Duration.hours(24))
              .build();
      Nag.suppress(
          stream,
          "AwsSolutions-KDS3",
          "Records carry unprotected PII until the stream function protects them: the stream is"
              + " encrypted with the lake key, as the raw and history buckets are, so one key"
              + " policy and one rotation govern every copy of the data, not the aws/kinesis key");
      // The mapping grants the function what it reads the stream with (this stream only).
      function
          .function()
          .addEventSource(
              KinesisEventSource.Builder.create(stream)
                  .startingPosition(StartingPosition.TRIM_HORIZON)
                  .batchSize(settings.batchSize())
                  .maxBatchingWindow(Duration.seconds(settings.batchWindowSeconds()))
                  .reportBatchItemFailures(true)
                  .bisectBatchOnError(true)
                  .retryAttempts(settings.retryAttempts())
                  .maxRecordAge(Duration.seconds(settings.maxRecordAgeSeconds()))
                  .onFailure(new SqsDlq(deadLetterQueue))
                  .build());
      streams.put(dataset, stream);
    }
    alarm(
        "IteratorAgeAlarm",
        "Strata streams: the oldest unread record waits longer than "
            + settings.iteratorAgeAlarmSeconds()
            + " s (the stream function falls behind or fails)",
        Metric.Builder.create()
            .namespace("AWS/Lambda")
            .metricName("IteratorAge")
            .dimensionsMap(Map.of("FunctionName", function.function().getFunctionName()))
            .statistic("Maximum")
            .period(Duration.minutes(1))
            .build(),
        settings.iteratorAgeAlarmSeconds() * 1000.0,
        props.alarms());
    alarm(
        "DeadLetterAlarm",
        "Strata streams: batches the stream function gave up on wait in its dead-letter queue",
        deadLetterQueue.metricApproximateNumberOfMessagesVisible(),
        1,
        props.alarms());
    Nag.suppress(
        function,
        "AwsSolutions-IAM5",
        "CDK's bucket grants: object actions on every key of the history bucket (read, write,"
            + " delete, abort multipart uploads), KMS data-key actions on the lake key; Glue on"
            + " the tables of the lake database only",
        Nag.bucketGrantFindings(
            Nag.objectsOf(buckets.history()),
            Nag.arnIn("glue", "table/" + props.catalog().databaseName() + "/*"),
            Nag.arnIn("glue", "table/" + props.catalog().currentDatabaseName() + "/*")));
  }

  private void alarm(
      String id, String description, IMetric metric, double threshold, ITopic topic) {
    Alarms.atOrAbove(this, id, description, metric, threshold, topic);
  }

  public LakeFunction function() {
    return function;
  }

  public Queue deadLetterQueue() {
    return deadLetterQueue;
  }

  /** The streams by dataset. */
  public Map<String, Stream> streams() {
    return Map.copyOf(streams);
  }
}
