package io.strata.infra;

import static io.strata.infra.Templates.arn;
import static io.strata.infra.Templates.at;
import static io.strata.infra.Templates.bucketAnd;
import static io.strata.infra.Templates.getAtt;
import static io.strata.infra.Templates.logicalId;
import static io.strata.infra.Templates.objects;
import static io.strata.infra.Templates.properties;
import static io.strata.infra.Templates.statements;
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
    Map<String, Object> rule = properties(template, "AWS::Events::Rule", "ExportsQueryStateChange");

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
    List<Map<String, Object>> targets = at(rule, "Targets");
    assertThat(targets).hasSize(1);
    assertThat(targets.get(0))
        .containsEntry("Arn", getAtt(finisher(), "Arn"))
        .containsEntry(
            "RetryPolicy", Map.of("MaximumRetryAttempts", 8, "MaximumEventAgeInSeconds", 21600));
  }

  @Test
  void letsOnlyEventBridgeRulesOfThisRuleInvokeTheFinisher() {
    String rule = logicalId(template, "AWS::Events::Rule", "ExportsQueryStateChange");

    assertThat(template.findResources("AWS::Lambda::Permission").values())
        .map(Templates::properties)
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
    Map<String, Object> function = properties(template, "AWS::Lambda::Function", finisher());
    String queue = logicalId(template, "AWS::SQS::Queue", "ExportsDeadLetterQueue");

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
                    Map.of("Ref", logicalId(template, "AWS::S3::Bucket", "BucketsAnalytics")),
                    "STRATA_ATHENA_WORKGROUP",
                    "strata",
                    "STRATA_CATALOG_DATABASE",
                    "strata_lake")));
    Templates.assertFailedInvocationsGoTo(template, Map.of("Ref", finisher()), 2, queue);
    assertThat(properties(template, "AWS::SQS::Queue", queue))
        .containsEntry(
            "KmsMasterKeyId", getAtt(logicalId(template, "AWS::KMS::Key", "BucketsKey"), "Arn"));
  }

  @Test
  void alarmsOnFinisherErrorsAndOnEventsLeftInItsDeadLetterQueue() {
    String queue = logicalId(template, "AWS::SQS::Queue", "ExportsDeadLetterQueue");

    assertThat(template.findResources("AWS::CloudWatch::Alarm").keySet())
        .anySatisfy(id -> assertThat(id).startsWith("OperationsExportDeadLetters"))
        .anySatisfy(id -> assertThat(id).startsWith("OperationsExportErrors"));
    assertThat(properties(template, "AWS::CloudWatch::Alarm", "OperationsExportDeadLetters"))
        .containsEntry(
            "Dimensions",
            List.of(Map.of("Name", "QueueName", "Value", getAtt(queue, "QueueName"))));
  }

  @Test
  void limitsTheFinisherRoleToReadingItsQueriesAndExportsAndPuttingManifests() {
    String analytics = logicalId(template, "AWS::S3::Bucket", "BucketsAnalytics");
    List<Map<String, Object>> statements = statements(template, "ExportsFinisherRoleDefaultPolicy");

    assertThat(statements)
        .filteredOn(s -> String.valueOf(s.get("Action")).contains("athena:"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s)
                    .containsEntry(
                        "Action", List.of("athena:GetQueryExecution", "athena:GetQueryResults"))
                    .containsEntry("Resource", arn("athena", "workgroup/strata")));
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
    Templates.assertOnlyTracingOnEveryResource(statements);
  }

  private static String finisher() {
    return logicalId(template, "AWS::Lambda::Function", "ExportsFinisherFunction");
  }
}
