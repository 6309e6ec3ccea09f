package io.strata.infra;

import static io.strata.infra.Templates.arn;
import static io.strata.infra.Templates.at;
import static io.strata.infra.Templates.bucketAnd;
import static io.strata.infra.Templates.getAtt;
import static io.strata.infra.Templates.logicalId;
import static io.strata.infra.Templates.properties;
import static io.strata.infra.Templates.scheduleTarget;
import static io.strata.infra.Templates.statements;
import static io.strata.infra.Templates.variables;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The scheduled maintenance in the synthesized stack: the function, the EventBridge schedule that
 * runs it with retries into its dead-letter queue, its alarms, and a role that can only list, read
 * and commit the lake's tables.
 */
class MaintenanceScheduleTest {

  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = TestStacks.jvm().template();
  }

  @Test
  void runsTheFunctionOnTheDefaultSixHourScheduleWithRetriesIntoItsDeadLetterQueue() {
    Map<String, Object> rule = rule(template);
    String queue = logicalId(template, "AWS::SQS::Queue", "MaintenanceDeadLetterQueue");

    assertThat(rule).containsEntry("ScheduleExpression", "rate(6 hours)");
    assertThat(rule).containsEntry("State", "ENABLED");
    List<Map<String, Object>> targets = at(rule, "Targets");
    assertThat(targets)
        .singleElement()
        .satisfies(t -> assertThat(t).containsAllEntriesOf(scheduleTarget(function(), queue)));
    assertThat(properties(template, "AWS::SQS::Queue", queue))
        .containsEntry(
            "KmsMasterKeyId", getAtt(logicalId(template, "AWS::KMS::Key", "BucketsKey"), "Arn"));
  }

  @Test
  void takesTheScheduleRateFromTheLakeConfig() {
    assertThat(rule(TestStacks.nativeX86().template()))
        .containsEntry("ScheduleExpression", "rate(12 hours)");
  }

  @Test
  void runsOnePassAtATimeWithTheLakeLocationsInItsEnvironment() {
    Map<String, Object> function = properties(template, "AWS::Lambda::Function", function());

    assertThat(function)
        .containsEntry("Timeout", 900)
        .containsEntry("ReservedConcurrentExecutions", 1);
    assertThat(variables(function))
        .containsEntry("STRATA_CATALOG_DATABASE", "strata_lake")
        .containsEntry(
            "STRATA_HISTORY_BUCKET",
            Map.of("Ref", logicalId(template, "AWS::S3::Bucket", "BucketsHistory")))
        .containsKey("STRATA_CONTRACTS_LOCATION")
        .containsEntry("JAVA_TOOL_OPTIONS", LakeFunction.FULL_JIT);
  }

  @Test
  void alarmsOnFailedPassesAndOnPassesLeftInTheDeadLetterQueue() {
    assertThat(properties(template, "AWS::CloudWatch::Alarm", "OperationsMaintenanceErrors"))
        .containsEntry("MetricName", "Errors")
        .containsEntry("Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref())));
    assertThat(properties(template, "AWS::CloudWatch::Alarm", "OperationsMaintenanceDeadLetters"))
        .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible");
  }

  @Test
  void letsTheRoleListReadAndCommitOnlyTheLakeTables() {
    List<Map<String, Object>> statements =
        statements(template, "MaintenanceFunctionRoleDefaultPolicy");

    assertThat(statements)
        .filteredOn(s -> String.valueOf(s.get("Action")).contains("glue:"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.get("Action")).isEqualTo(Maintenance.GLUE_ACTIONS);
              assertThat(s.get("Resource"))
                  .isEqualTo(
                      List.of(
                          arn("glue", "catalog"),
                          arn("glue", "database/strata_lake"),
                          arn("glue", "table/strata_lake/*"),
                          arn("glue", "database/strata_lake_current"),
                          arn("glue", "table/strata_lake_current/*"),
                          arn("glue", "database/strata_lake_reports"),
                          arn("glue", "table/strata_lake_reports/*")));
            });
    assertThat(statements)
        .allSatisfy(
            s ->
                assertThat(String.valueOf(s.get("Action")))
                    .doesNotContain("glue:CreateTable")
                    .doesNotContain("glue:DeleteTable"));
  }

  @Test
  void letsTheRoleRewriteOnlyTableDataAndMetadataAndReadTheContracts() {
    String history = logicalId(template, "AWS::S3::Bucket", "BucketsHistory");
    List<Map<String, Object>> s3 =
        statements(template, "MaintenanceFunctionRoleDefaultPolicy").stream()
            .filter(s -> String.valueOf(s.get("Action")).contains("s3:"))
            .toList();

    List<String> writable =
        List.of(
            "/bank_transactions/data/*",
            "/bank_transactions/metadata/*",
            "/telecom_usage/data/*",
            "/telecom_usage/metadata/*",
            "/_current/*",
            "/_reports/*");
    assertThat(s3)
        .filteredOn(s -> String.valueOf(s.get("Action")).contains("s3:DeleteObject"))
        .extracting(s -> s.get("Resource"))
        .containsExactlyInAnyOrderElementsOf(
            writable.stream().map(keys -> (Object) bucketAnd(history, keys)).toList());
    assertThat(s3)
        .filteredOn(s -> String.valueOf(s.get("Action")).contains("s3:PutObject"))
        .hasSize(writable.size());
    assertThat(s3)
        .extracting(s -> s.get("Resource"))
        .contains(bucketAnd(history, "/_strata/datasets/*"))
        .noneSatisfy(r -> assertThat(String.valueOf(r)).contains("_batches"))
        .noneSatisfy(r -> assertThat(String.valueOf(r)).contains("_quarantine"))
        .noneSatisfy(r -> assertThat(r).isEqualTo(bucketAnd(history, "/*")));
    Templates.assertOnlyTracingOnEveryResource(
        statements(template, "MaintenanceFunctionRoleDefaultPolicy"));
  }

  @Test
  void passesCdkNag() {
    assertThat(TestStacks.nagFindings(TestStacks.jvm()))
        .noneSatisfy(f -> assertThat(f).contains("Maintenance"));
  }

  private static Map<String, Object> rule(Template template) {
    return properties(template, "AWS::Events::Rule", "MaintenanceSchedule");
  }

  private static String function() {
    return logicalId(template, "AWS::Lambda::Function", "MaintenanceFunction");
  }

  private static Map<String, Object> ref() {
    return Map.of("Ref", function());
  }
}
