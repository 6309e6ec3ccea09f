package io.strata.infra;

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
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> targets = (List<Map<String, Object>>) rule.get("Targets");
    assertThat(targets)
        .singleElement()
        .satisfies(
            t ->
                assertThat(t)
                    .containsEntry("Arn", getAtt(function(), "Arn"))
                    .containsEntry(
                        "RetryPolicy",
                        Map.of("MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 3600))
                    .containsEntry("DeadLetterConfig", Map.of("Arn", getAtt(queue, "Arn"))));
    assertThat(properties(template.findResources("AWS::SQS::Queue").get(queue)))
        .containsEntry("KmsMasterKeyId", getAtt(logicalId("AWS::KMS::Key", "BucketsKey"), "Arn"));
  }

  @Test
  void takesTheScheduleRateFromTheLakeConfig() {
    assertThat(rule(TestStacks.nativeX86().template()))
        .containsEntry("ScheduleExpression", "rate(12 hours)");
  }

  @Test
  void runsOnePassAtATimeWithTheLakeLocationsInItsEnvironment() {
    Map<String, Object> function =
        properties(template.findResources("AWS::Lambda::Function").get(function()));

    assertThat(function)
        .containsEntry("Timeout", 900)
        .containsEntry("ReservedConcurrentExecutions", 1);
    @SuppressWarnings("unchecked")
    Map<String, Object> variables =
        (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
    assertThat(variables)
        .containsEntry("STRATA_CATALOG_DATABASE", "strata_lake")
        .containsEntry(
            "STRATA_HISTORY_BUCKET", Map.of("Ref", logicalId("AWS::S3::Bucket", "BucketsHistory")))
        .containsKey("STRATA_CONTRACTS_LOCATION");
  }

  @Test
  void alarmsOnFailedPassesAndOnPassesLeftInTheDeadLetterQueue() {
    assertThat(
            properties(
                template
                    .findResources("AWS::CloudWatch::Alarm")
                    .get(logicalId("AWS::CloudWatch::Alarm", "OperationsMaintenanceErrors"))))
        .containsEntry("MetricName", "Errors")
        .containsEntry("Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref())));
    assertThat(
            properties(
                template
                    .findResources("AWS::CloudWatch::Alarm")
                    .get(logicalId("AWS::CloudWatch::Alarm", "OperationsMaintenanceDeadLetters"))))
        .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible");
  }

  @Test
  void letsTheRoleListReadAndCommitOnlyTheLakeTables() {
    List<Map<String, Object>> statements = statements("MaintenanceFunctionRoleDefaultPolicy");

    assertThat(statements)
        .filteredOn(s -> String.valueOf(s.get("Action")).contains("glue:"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.get("Action")).isEqualTo(Maintenance.GLUE_ACTIONS);
              assertThat(s.get("Resource"))
                  .isEqualTo(
                      List.of(
                          StrataStackTest.arn("glue", "catalog"),
                          StrataStackTest.arn("glue", "database/strata_lake"),
                          StrataStackTest.arn("glue", "table/strata_lake/*"),
                          StrataStackTest.arn("glue", "database/strata_lake_current"),
                          StrataStackTest.arn("glue", "table/strata_lake_current/*"),
                          StrataStackTest.arn("glue", "database/strata_lake_reports"),
                          StrataStackTest.arn("glue", "table/strata_lake_reports/*")));
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
    String history = logicalId("AWS::S3::Bucket", "BucketsHistory");
    List<Map<String, Object>> s3 =
        statements("MaintenanceFunctionRoleDefaultPolicy").stream()
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
    assertThat(statements("MaintenanceFunctionRoleDefaultPolicy"))
        .filteredOn(s -> "*".equals(s.get("Resource")))
        .allSatisfy(
            s ->
                assertThat(s.get("Action"))
                    .isEqualTo(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords")));
  }

  @Test
  void passesCdkNag() {
    assertThat(TestStacks.nagFindings(TestStacks.jvm()))
        .noneSatisfy(f -> assertThat(f).contains("Maintenance"));
  }

  private static Map<String, Object> rule(Template template) {
    return properties(
        template
            .findResources("AWS::Events::Rule")
            .get(logicalId(template, "AWS::Events::Rule", "MaintenanceSchedule")));
  }

  private static String function() {
    return logicalId("AWS::Lambda::Function", "MaintenanceFunction");
  }

  private static Map<String, Object> ref() {
    return Map.of("Ref", function());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }

  private static String logicalId(String type, String prefix) {
    return logicalId(template, type, prefix);
  }

  private static String logicalId(Template template, String type, String prefix) {
    return template.findResources(type).keySet().stream()
        .filter(id -> id.startsWith(prefix))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> statements(String policyPrefix) {
    Map<String, Object> policy =
        template.findResources("AWS::IAM::Policy").get(logicalId("AWS::IAM::Policy", policyPrefix));
    return (List<Map<String, Object>>)
        ((Map<String, Object>) properties(policy).get("PolicyDocument")).get("Statement");
  }

  private static Map<String, Object> getAtt(String logicalId, String attribute) {
    return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
  }

  private static List<Object> bucketAnd(String bucket, String keys) {
    return List.of(
        getAtt(bucket, "Arn"),
        Map.of("Fn::Join", List.of("", List.of(getAtt(bucket, "Arn"), keys))));
  }
}
