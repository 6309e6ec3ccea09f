package io.strata.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * What the functions' embedded-metric-format lines (namespace {@code Strata}, dimension {@code
 * Lake}) are watched with: alarms on the quarantine rate, on batches an anomaly rule quarantined
 * and on failed table commits, and one dashboard of the lake (ingest rows, rejects, quarantines by
 * reason, commit latency and retries, dead letters, query latency and bytes scanned).
 */
public final class LakeMonitoring extends Construct {

  /** The namespace the functions publish their metrics in ({@code MetricsLog.NAMESPACE}). */
  public static final String NAMESPACE = "Strata";

  /**
   * Settings of the monitoring.
   *
   * @param lake the lake's catalog database: the functions' {@code Lake} dimension
   * @param quarantineRatePercent quarantined batches per 100 batches in an hour that raise the
   *     alarm
   * @param withQueries whether the stack has the query API, whose metrics the dashboard shows
   */
  public record Props(
      String lake,
      ITopic topic,
      IQueue deadLetterQueue,
      int quarantineRatePercent,
      boolean withQueries) {}

  private final Dashboard dashboard;

  public LakeMonitoring(Construct scope, String id, Props props) {
    super(scope, id);
    String lake = props.lake();
    Duration hour = Duration.hours(1);
    alarm(
        props.topic(),
        "QuarantineRate",
        "More than "
            + props.quarantineRatePercent()
            + "% of the batches of lake "
            + lake
            + " were quarantined in an hour",
        quarantineRate(lake, hour),
        props.quarantineRatePercent());
    alarm(
        props.topic(),
        "AnomalyQuarantines",
        "An anomaly rule of a dataset contract quarantined a batch of lake " + lake,
        strata("AnomalyVerdicts", Map.of("Lake", lake, "Outcome", "quarantine"), "Sum", hour),
        1);
    alarm(
        props.topic(),
        "CommitFailures",
        "Ingest could not commit a batch to its table in lake "
            + lake
            + " (other writers or the catalog); the event is retried and then dead-lettered",
        strata("CommitFailures", Map.of("Lake", lake), "Sum", Duration.minutes(5)),
        1);
    dashboard =
        Dashboard.Builder.create(this, "Dashboard")
            .defaultInterval(Duration.days(7))
            .widgets(List.of(widgets(lake, props)))
            .build();
  }

  /** 100 × quarantined / all batches of the period; 0 when no batch arrived. */
  private static IMetric quarantineRate(String lake, Duration period) {
    return MathExpression.Builder.create()
        .expression("IF(batches > 0, 100 * FILL(quarantines, 0) / batches, 0)")
        .usingMetrics(
            Map.of(
                "quarantines", strata("Quarantines", Map.of("Lake", lake), "Sum", period),
                "batches", strata("Batches", Map.of("Lake", lake), "Sum", period)))
        .label("Quarantined batches (%)")
        .period(period)
        .build();
  }

  private static List<IWidget> widgets(String lake, Props props) {
    Duration fiveMinutes = Duration.minutes(5);
    Map<String, String> perLake = Map.of("Lake", lake);
    List<IWidget> widgets =
        new java.util.ArrayList<>(
            List.of(
                graph(
                    "Ingested rows",
                    List.of(
                        strata("RowsAccepted", perLake, "Sum", fiveMinutes),
                        strata("RowsRejected", perLake, "Sum", fiveMinutes))),
                graph(
                    "Quarantines by reason",
                    List.of(
                        search(lake, "Lake,Reason", "Quarantines", "Sum", "Quarantines"),
                        search(lake, "Lake,Outcome", "AnomalyVerdicts", "Sum", "Verdicts"))),
                graph(
                    "Commit latency (ms) and retries",
                    List.of(
                        strata("CommitLatency", perLake, "p50", fiveMinutes),
                        strata("CommitLatency", perLake, "p99", fiveMinutes),
                        strata("CommitRetries", perLake, "Sum", fiveMinutes),
                        strata("CommitFailures", perLake, "Sum", fiveMinutes))),
                graph(
                    "Ingest dead letters",
                    List.of(
                        props
                            .deadLetterQueue()
                            .metricApproximateNumberOfMessagesVisible(
                                MetricOptions.builder()
                                    .period(fiveMinutes)
                                    .statistic("Maximum")
                                    .build())))));
    if (props.withQueries()) {
      widgets.add(
          graph(
              "Query latency (ms)",
              List.of(
                  strata("QueryLatency", perLake, "p50", fiveMinutes),
                  strata("QueryLatency", perLake, "p99", fiveMinutes))));
      widgets.add(
          graph(
              "Bytes scanned and exports",
              List.of(
                  strata("BytesScanned", perLake, "Sum", fiveMinutes),
                  strata("ExportsFinished", perLake, "Sum", fiveMinutes),
                  strata("ExportsFailed", perLake, "Sum", fiveMinutes))));
    }
    return widgets;
  }

  private static GraphWidget graph(String title, List<IMetric> metrics) {
    return GraphWidget.Builder.create().title(title).left(metrics).width(12).height(6).build();
  }

  /** One line per value of a dimension (reasons, outcomes), found by a metrics search. */
  private static IMetric search(
      String lake, String dimensions, String metric, String statistic, String label) {
    return MathExpression.Builder.create()
        .expression(
            "SEARCH('{"
                + NAMESPACE
                + ","
                + dimensions
                + "} MetricName=\""
                + metric
                + "\" Lake=\""
                + lake
                + "\"', '"
                + statistic
                + "', 300)")
        .label(label)
        .period(Duration.minutes(5))
        .build();
  }

  private static Metric strata(
      String name, Map<String, String> dimensions, String statistic, Duration period) {
    return Metric.Builder.create()
        .namespace(NAMESPACE)
        .metricName(name)
        .dimensionsMap(dimensions)
        .statistic(statistic)
        .period(period)
        .build();
  }

  private void alarm(
      ITopic topic, String id, String description, IMetric metric, double threshold) {
    Alarms.atOrAbove(this, id, description, metric, threshold, topic);
  }

  /** The lake's dashboard. */
  public Dashboard dashboard() {
    return dashboard;
  }
}
