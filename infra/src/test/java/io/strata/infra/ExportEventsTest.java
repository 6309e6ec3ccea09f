package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The export finisher in the synthesized stack: the EventBridge rule on Athena's state changes of
 * the lake's workgroup, its Lambda target, and a role that can do nothing but finish exports.
 */
class ExportEventsTest {

  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = TestStacks.jvm().template();
  }

  @Test
  void sendsFinalStateChangesOfTheLakeWorkGroupToTheFinisher() {
    Map<String, Object> rule =
        properties(
            template
                .findResources("AWS::Events::Rule")
                .get(logicalId("AWS::Events::Rule", "ExportsQueryStateChange")));

    assertThat(rule.get("EventPattern"))
        .isEqualTo(
            Map.of(
                "source",
                List.of("aws.athena"),
                "detail-type",
                List.of("Athena Query State Change"),
                "detail",
                Map.of(
                    "workgroupName",
                    List.of("strata"),
                    "currentState",
                    List.of("SUCCEEDED", "FAILED", "CANCELLED"))));
    assertThat(rule).containsEntry("State", "ENABLED");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> targets = (List<Map<String, Object>>) rule.get("Targets");
    assertThat(targets).hasSize(1);
    assertThat(targets.get(0))
        .containsEntry("Arn", getAtt(finisher(), "Arn"))
        .containsEntry(
            "RetryPolicy", Map.of("MaximumRetryAttempts", 8, "MaximumEventAgeInSeconds", 21600));
  }

  @Test
  void letsOnlyEventBridgeRulesOfThisRuleInvokeTheFinisher() {
    String rule = logicalId("AWS::Events::Rule", "ExportsQueryStateChange");

    assertThat(template.findResources("AWS::Lambda::Permission").values())
        .map(ExportEventsTest::properties)
        .filteredOn(p -> getAtt(finisher(), "Arn").equals(p.get("FunctionName")))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .containsEntry("Principal", "events.amazonaws.com")
                    .containsEntry("Action", "lambda:InvokeFunction")
                    .containsEntry("SourceArn", getAtt(rule, "Arn")));
  }

  @Test
  void configuresTheFinisherForTheAnalyticsBucketAndWorkGroupWithADeadLetterQueue() {
    Map<String, Object> function =
        properties(template.findResources("AWS::Lambda::Function").get(finisher()));
    String queue = logicalId("AWS::SQS::Queue", "ExportsDeadLetterQueue");

    assertThat(function)
        .containsEntry("Runtime", "java21")
        .containsEntry("Handler", FunctionZip.JVM_HANDLER)
        .containsEntry("Timeout", 60)
        .containsEntry(
            "Environment",
            Map.of(
                "Variables",
                Map.of(
                    "STRATA_ANALYTICS_BUCKET",
                    Map.of("Ref", logicalId("AWS::S3::Bucket", "BucketsAnalytics")),
                    "STRATA_ATHENA_WORKGROUP",
                    "strata",
                    "STRATA_CATALOG_DATABASE",
                    "strata_lake")));
    assertThat(template.findResources("AWS::Lambda::EventInvokeConfig").values())
        .map(ExportEventsTest::properties)
        .filteredOn(p -> Map.of("Ref", finisher()).equals(p.get("FunctionName")))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .containsEntry("MaximumRetryAttempts", 2)
                    .containsEntry(
                        "DestinationConfig",
                        Map.of("OnFailure", Map.of("Destination", getAtt(queue, "Arn")))));
    assertThat(properties(template.findResources("AWS::SQS::Queue").get(queue)))
        .containsEntry("KmsMasterKeyId", getAtt(logicalId("AWS::KMS::Key", "BucketsKey"), "Arn"));
  }

  @Test
  void alarmsOnFinisherErrorsAndOnEventsLeftInItsDeadLetterQueue() {
    String queue = logicalId("AWS::SQS::Queue", "ExportsDeadLetterQueue");

    assertThat(template.findResources("AWS::CloudWatch::Alarm").keySet())
        .anySatisfy(id -> assertThat(id).startsWith("OperationsExportDeadLetters"))
        .anySatisfy(id -> assertThat(id).startsWith("OperationsExportErrors"));
    assertThat(
            properties(
                template
                    .findResources("AWS::CloudWatch::Alarm")
                    .get(logicalId("AWS::CloudWatch::Alarm", "OperationsExportDeadLetters"))))
        .containsEntry(
            "Dimensions",
            List.of(Map.of("Name", "QueueName", "Value", getAtt(queue, "QueueName"))));
  }

  @Test
  void limitsTheFinisherRoleToReadingItsQueriesAndExportsAndPuttingManifests() {
    String analytics = logicalId("AWS::S3::Bucket", "BucketsAnalytics");
    List<Map<String, Object>> statements = statements("ExportsFinisherRoleDefaultPolicy");

    assertThat(statements)
        .filteredOn(s -> String.valueOf(s.get("Action")).contains("athena:"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s)
                    .containsEntry(
                        "Action", List.of("athena:GetQueryExecution", "athena:GetQueryResults"))
                    .containsEntry("Resource", StrataStackTest.arn("athena", "workgroup/strata")));
    List<Map<String, Object>> s3 =
        statements.stream().filter(s -> String.valueOf(s.get("Action")).contains("s3:")).toList();
    assertThat(s3)
        .extracting(s -> s.get("Resource"))
        .containsExactlyInAnyOrder(
            bucketAnd(analytics, "/exports/*"),
            bucketAnd(analytics, "/athena-results/*"),
            objects(analytics, "/exports/*/manifest.json"));
    assertThat(s3)
        .filteredOn(s -> String.valueOf(s.get("Action")).contains("s3:PutObject"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.get("Resource"))
                    .isEqualTo(objects(analytics, "/exports/*/manifest.json")));
    assertThat(statements)
        .allSatisfy(
            s ->
                assertThat(String.valueOf(s.get("Action")))
                    .doesNotContain("s3:DeleteObject")
                    .doesNotContain("glue:")
                    .doesNotContain("athena:StartQueryExecution"));
    assertThat(statements)
        .filteredOn(s -> "*".equals(s.get("Resource")))
        .allSatisfy(
            s ->
                assertThat(s.get("Action"))
                    .isEqualTo(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords")));
  }

  private static String finisher() {
    return logicalId("AWS::Lambda::Function", "ExportsFinisherFunction");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }

  private static String logicalId(String type, String prefix) {
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

  private static Map<String, Object> objects(String bucket, String keys) {
    return Map.of("Fn::Join", List.of("", List.of(getAtt(bucket, "Arn"), keys)));
  }

  private static List<Object> bucketAnd(String bucket, String keys) {
    return List.of(getAtt(bucket, "Arn"), objects(bucket, keys));
  }
}
