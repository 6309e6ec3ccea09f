package io.strata.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The lake's alarms, all publishing to one encrypted topic: messages in the ingest, export,
 * maintenance and report refresh dead-letter queues, errors and throttles of the functions, failed
 * maintenance passes and report refreshes, and bytes Athena scanned in the workgroup per day.
 */
public final class Operations extends Construct {

  /**
   * Settings of the alarms.
   *
   * @param query the query function; null when the stack has no query API
   * @param exports the export finisher; null when the stack has no query API
   * @param maintenance the scheduled maintenance
   * @param reportRefresh the refresh of the materialized reports; null without the query API
   * @param dailyBytesScannedAlarm bytes scanned by the workgroup in a day that raise the alarm
   * @param alarmEmail address subscribed to the topic; empty for none
   */
  public record Props(
      Function ingest,
      Function query,
      ExportEvents exports,
      Maintenance maintenance,
      ReportRefresh reportRefresh,
      IQueue deadLetterQueue,
      String workGroupName,
      long dailyBytesScannedAlarm,
      String alarmEmail,
      IKey key) {}

  private final Topic topic;

  public Operations(Construct scope, String id, Props props) {
    super(scope, id);
    topic =
        Topic.Builder.create(this, "Alarms")
            .displayName("Strata alarms")
            .masterKey(props.key())
            .enforceSsl(true)
            .build();
    // CloudWatch publishes alarms to the encrypted topic; only for alarms of this account.
    KeyUse.allowService(
        props.key(),
        "cloudwatch.amazonaws.com",
        List.of("kms:Decrypt", "kms:GenerateDataKey*"),
        ArnComponents.builder()
            .service("cloudwatch")
            .resource("alarm")
            .resourceName("*")
            .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
            .build());
    if (!props.alarmEmail().isEmpty()) {
      topic.addSubscription(new EmailSubscription(props.alarmEmail()));
    }
    Duration fiveMinutes = Duration.minutes(5);
    alarm(
        "DeadLetters",
        "Ingest events failed after retries and wait in the dead-letter queue",
        props
            .deadLetterQueue()
            .metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().period(fiveMinutes).statistic("Maximum").build()),
        1);
    alarm(
        "IngestErrors",
        "The ingest function failed",
        props.ingest().metricErrors(sum(fiveMinutes)),
        1);
    alarm(
        "IngestThrottles",
        "The ingest function was throttled",
        props.ingest().metricThrottles(sum(fiveMinutes)),
        1);
    if (props.query() != null) {
      alarm(
          "QueryErrors",
          "The query function failed",
          props.query().metricErrors(sum(fiveMinutes)),
          1);
      alarm(
          "QueryThrottles",
          "The query function was throttled",
          props.query().metricThrottles(sum(fiveMinutes)),
          1);
    }
    if (props.exports() != null) {
      alarm(
          "ExportDeadLetters",
          "Athena state changes the export finisher failed on after retries wait in its"
              + " dead-letter queue: those exports have no manifest until someone polls them",
          props
              .exports()
              .deadLetterQueue()
              .metricApproximateNumberOfMessagesVisible(
                  MetricOptions.builder().period(fiveMinutes).statistic("Maximum").build()),
          1);
      alarm(
          "ExportErrors",
          "The export finisher failed",
          props.exports().function().function().metricErrors(sum(fiveMinutes)),
          1);
    }
    alarm(
        "MaintenanceErrors",
        "A maintenance pass failed: a table could not be compacted or its snapshots expired (the"
            + " function's log names it), or the catalog could not be read",
        props.maintenance().function().function().metricErrors(sum(fiveMinutes)),
        1);
    alarm(
        "MaintenanceDeadLetters",
        "Scheduled maintenance passes failed after retries and wait in the dead-letter queue",
        props
            .maintenance()
            .deadLetterQueue()
            .metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().period(fiveMinutes).statistic("Maximum").build()),
        1);
    if (props.reportRefresh() != null) {
      // No throttles alarm: with one refresh at a time, a burst of batches queues and Lambda
      // retries.
      alarm(
          "ReportRefreshErrors",
          "The report refresh function failed (its log names the report and role); the query API"
              + " runs a report live until its refresh succeeds",
          props.reportRefresh().function().function().metricErrors(sum(fiveMinutes)),
          1);
      alarm(
          "ReportRefreshDeadLetters",
          "Report refreshes failed after retries and wait in the dead-letter queue; the hourly"
              + " schedule catches the reports up",
          props
              .reportRefresh()
              .deadLetterQueue()
              .metricApproximateNumberOfMessagesVisible(
                  MetricOptions.builder().period(fiveMinutes).statistic("Maximum").build()),
          1);
    }
    alarm(
        "AthenaBytesScanned",
        "Athena scanned more bytes in the workgroup in a day than expected",
        bytesScanned(props.workGroupName()),
        props.dailyBytesScannedAlarm());
  }

  /** Bytes scanned by DML queries of the workgroup per day, whatever their final state. */
  private static IMetric bytesScanned(String workGroup) {
    Duration day = Duration.days(1);
    Map<String, IMetric> states =
        Map.of(
            "succeeded", athena(workGroup, "SUCCEEDED", day),
            "failed", athena(workGroup, "FAILED", day),
            "cancelled", athena(workGroup, "CANCELED", day));
    return MathExpression.Builder.create()
        .expression("FILL(succeeded, 0) + FILL(failed, 0) + FILL(cancelled, 0)")
        .usingMetrics(states)
        .label("Bytes scanned per day")
        .period(day)
        .build();
  }

  private static Metric athena(String workGroup, String state, Duration period) {
    return Metric.Builder.create()
        .namespace("AWS/Athena")
        .metricName("ProcessedBytes")
        .dimensionsMap(Map.of("WorkGroup", workGroup, "QueryState", state, "QueryType", "DML"))
        .statistic("Sum")
        .period(period)
        .build();
  }

  private static MetricOptions sum(Duration period) {
    return MetricOptions.builder().period(period).statistic("Sum").build();
  }

  private void alarm(String id, String description, IMetric metric, double threshold) {
    Alarms.atOrAbove(this, id, description, metric, threshold, topic);
  }

  /** The topic every alarm publishes to. */
  public Topic topic() {
    return topic;
  }
}
