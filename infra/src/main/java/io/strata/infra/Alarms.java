package io.strata.infra;

import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * The one shape of the lake's alarms: a metric at or above its threshold in one period fires,
 * missing data (nothing happened) is fine, and the alarm publishes to the lake's alarm topic.
 */
final class Alarms {

  private Alarms() {}

  static Alarm atOrAbove(
      Construct scope,
      String id,
      String description,
      IMetric metric,
      double threshold,
      ITopic topic) {
    Alarm alarm =
        Alarm.Builder.create(scope, id)
            .alarmDescription(description)
            .metric(metric)
            .threshold(threshold)
            .evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    alarm.addAlarmAction(new SnsAction(topic));
    return alarm;
  }
}
