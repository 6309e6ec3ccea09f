package io.strata.infra;

import static io.strata.infra.Templates.arn;
import static io.strata.infra.Templates.at;
import static io.strata.infra.Templates.bucketAnd;
import static io.strata.infra.Templates.getAtt;
import static io.strata.infra.Templates.logicalId;
import static io.strata.infra.Templates.properties;
import static io.strata.infra.Templates.scheduleTarget;
import static io.strata.infra.Templates.variables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The report refresh in the synthesized stack: the function with the query function's locations and
 * row limit, the batch manifests and the hourly schedule that invoke it, its alarms, and a role
 * that reads the lake's tables through Athena and commits only the report tables.
 */
class ReportRefreshTest {

  private static final List<String> SHARED_WITH_QUERY =
      List.of(
          "STRATA_HISTORY_BUCKET",
          "STRATA_CATALOG_DATABASE",
          "STRATA_ATHENA_WORKGROUP",
          "STRATA_CONTRACTS_LOCATION",
          "STRATA_ACCESS_LOCATION",
          "STRATA_REPORTS_LOCATION",
          "STRATA_QUERY_MAX_LIMIT");

  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = TestStacks.jvm().template();
  }

  @Test
  void readsTheLakeLocationsAndTheRowLimitOfTheQueryFunction() {
    Map<String, Object> refresh = variables(template, function());
    Map<String, Object> query = variables(template, "QueryFunction");
    String history = logicalId(template, "AWS::S3::Bucket", "BucketsHistory");

    assertThat(refresh).containsOnlyKeys(SHARED_WITH_QUERY);
    for (String name : SHARED_WITH_QUERY) {
      assertThat(refresh.get(name)).as(name).isEqualTo(query.get(name));
    }
    assertThat(refresh)
        .containsEntry("STRATA_QUERY_MAX_LIMIT", String.valueOf(QueryApi.MAX_LIMIT))
        .containsEntry("STRATA_QUERY_MAX_LIMIT", "100000")
        .containsEntry("STRATA_ATHENA_WORKGROUP", "strata")
        .containsEntry("STRATA_CATALOG_DATABASE", "strata_lake")
        .containsEntry("STRATA_HISTORY_BUCKET", Map.of("Ref", history))
        .containsEntry(
            "STRATA_REPORTS_LOCATION",
            Map.of(
                "Fn::Join",
                List.of(
                    "", List.of("s3://", Map.of("Ref", history), "/_strata/datasets/reports/"))));
  }

  @Test
  void runsOneRefreshAtATimeForUpToFifteenMinutesWithRetriesIntoAnEncryptedQueue() {
    Map<String, Object> function = properties(template, "AWS::Lambda::Function", function());
    String queue = queue();

    assertThat(function)
        .containsEntry(
            "Description", "Strata report refresh: materialized reports after each committed batch")
        .containsEntry("Runtime", "java21")
        .containsEntry("Handler", FunctionZip.JVM_HANDLER)
        .containsEntry("MemorySize", 1024)
        .containsEntry("EphemeralStorage", Map.of("Size", 512))
        .containsEntry("Timeout", 900)
        .containsEntry("ReservedConcurrentExecutions", 1);
    Templates.assertFailedInvocationsGoTo(template, ref(), 2, queue);
    assertThat(properties(template, "AWS::SQS::Queue", queue))
        .containsEntry(
            "KmsMasterKeyId", getAtt(logicalId(template, "AWS::KMS::Key", "BucketsKey"), "Arn"))
        .containsEntry("MessageRetentionPeriod", 1209600);
  }

  @Test
  void isInvokedByEveryBatchManifestCreatedInHistoryButNotByRejectsOrReportTables() {
    String history = logicalId(template, "AWS::S3::Bucket", "BucketsHistory");
    Map<String, Object> notifications =
        template.findResources("Custom::S3BucketNotifications").values().stream()
            .map(Templates::properties)
            .filter(p -> Map.of("Ref", history).equals(p.get("BucketName")))
            .findFirst()
            .orElseThrow();

    List<Map<String, Object>> configurations =
        at(notifications, "NotificationConfiguration", "LambdaFunctionConfigurations");
    assertThat(configurations).hasSize(1);
    Map<String, Object> configuration = configurations.get(0);
    List<Map<String, Object>> rules = at(configuration, "Filter", "Key", "FilterRules");

    assertThat(configuration)
        .containsEntry("Events", List.of("s3:ObjectCreated:*"))
        .containsEntry("LambdaFunctionArn", getAtt(function(), "Arn"));
    assertThat(rules)
        .containsExactlyInAnyOrder(
            Map.of("Name", "prefix", "Value", "_batches/"),
            Map.of("Name", "suffix", "Value", ".json"));
    assertThat(matches(rules, "_batches/bank_transactions/20240101T000000Z-0001.json")).isTrue();
    assertThat(matches(rules, "_batches/bank_transactions/20240101T000000Z-0001.rejects.jsonl"))
        .isFalse();
    assertThat(matches(rules, "_reports/daily_totals__analyst/metadata/00001-a.metadata.json"))
        .isFalse();
    assertThat(template.findResources("AWS::Lambda::Permission").values())
        .map(Templates::properties)
        .filteredOn(p -> "s3.amazonaws.com".equals(p.get("Principal")))
        .filteredOn(p -> getAtt(function(), "Arn").equals(p.get("FunctionName")))
        .singleElement()
        .satisfies(p -> assertThat(p).containsEntry("SourceArn", getAtt(history, "Arn")));
  }

  @Test
  void catchesUpEveryHourWithRetriesIntoTheSameDeadLetterQueue() {
    Map<String, Object> rule = properties(template, "AWS::Events::Rule", "ReportRefreshSchedule");

    assertThat(rule)
        .containsEntry("ScheduleExpression", "rate(1 hour)")
        .containsEntry("State", "ENABLED");
    List<Map<String, Object>> targets = at(rule, "Targets");
    assertThat(targets)
        .singleElement()
        .satisfies(t -> assertThat(t).containsAllEntriesOf(scheduleTarget(function(), queue())));
  }

  @Test
  void letsEventBridgeUseTheKeyThroughOneStatementForEverySchedule() {
    List<Map<String, Object>> keyStatements =
        at(properties(template, "AWS::KMS::Key", "BucketsKey"), "KeyPolicy", "Statement");

    assertThat(keyStatements)
        .filteredOn(s -> String.valueOf(s.get("Principal")).contains("events.amazonaws.com"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s)
                    .containsEntry("Action", List.of("kms:Decrypt", "kms:GenerateDataKey"))
                    .containsEntry(
                        "Condition",
                        Map.of(
                            "StringEquals",
                            Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")),
                            "ArnLike",
                            Map.of("aws:SourceArn", arn("events", "rule/*")))));
  }

  @Test
  void runsAthenaOnlyInTheLakeWorkGroup() {
    assertThat(statements())
        .filteredOn(s -> String.valueOf(s.get("Action")).contains("athena:"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s)
                    .containsEntry("Action", QueryApi.ATHENA_ACTIONS)
                    .containsEntry("Resource", arn("athena", "workgroup/strata")));
  }

  @Test
  void readsTheLakeTablesAndCreatesAndCommitsOnlyTheReportTablesInGlue() {
    List<Map<String, Object>> glue =
        statements().stream()
            .filter(s -> String.valueOf(s.get("Action")).contains("glue:"))
            .toList();

    assertThat(glue)
        .extracting(s -> s.get("Action"), s -> s.get("Resource"))
        .containsExactlyInAnyOrder(
            tuple(
                QueryApi.GLUE_ACTIONS,
                List.of(
                    arn("glue", "catalog"),
                    arn("glue", "database/strata_lake"),
                    arn("glue", "table/strata_lake/*"),
                    arn("glue", "database/strata_lake_current"),
                    arn("glue", "table/strata_lake_current/*"))),
            tuple(
                ReportRefresh.REPORTS_GLUE_ACTIONS,
                List.of(
                    arn("glue", "catalog"),
                    arn("glue", "database/strata_lake_reports"),
                    arn("glue", "table/strata_lake_reports/*"))),
            tuple(
                "glue:GetDatabase",
                List.of(arn("glue", "catalog"), arn("glue", "database/default"))));
    assertThat(glue)
        .filteredOn(s -> String.valueOf(s.get("Action")).matches(".*glue:(Create|Update).*"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(String.valueOf(s.get("Resource")))
                    .doesNotContain("strata_lake/")
                    .doesNotContain("strata_lake_current"));
    assertThat(statements())
        .allSatisfy(
            s ->
                assertThat(String.valueOf(s.get("Action")))
                    .doesNotContain("glue:Delete")
                    .doesNotContain("glue:CreateDatabase")
                    .doesNotContain("glue:UpdateDatabase")
                    .doesNotContain("glue:*"));
  }

  @Test
  void readsTheTablesAndContractsOfHistoryAndWritesOnlyTheReportTablesNeverTheQuarantine() {
    String history = logicalId(template, "AWS::S3::Bucket", "BucketsHistory");
    List<Map<String, Object>> onHistory =
        statements().stream()
            .filter(s -> String.valueOf(s.get("Resource")).contains(history))
            .toList();

    assertThat(onHistory)
        .extracting(s -> s.get("Resource"))
        .containsExactly(
            bucketAnd(history, "/bank_transactions/*"),
            bucketAnd(history, "/_current/bank_transactions/*"),
            bucketAnd(history, "/telecom_usage/*"),
            bucketAnd(history, "/_current/telecom_usage/*"),
            bucketAnd(history, "/_strata/datasets/*"),
            bucketAnd(history, "/_reports/*"));
    assertThat(onHistory)
        .filteredOn(s -> String.valueOf(s.get("Action")).matches(".*s3:(Put|Delete).*"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s)
                    .containsEntry("Resource", bucketAnd(history, "/_reports/*"))
                    .extractingByKey("Action")
                    .asString()
                    .contains("s3:PutObject", "s3:DeleteObject*"));
    assertThat(statements())
        .extracting(s -> String.valueOf(s.get("Resource")))
        .noneSatisfy(r -> assertThat(r).contains("_quarantine"))
        .noneSatisfy(r -> assertThat(r).contains("_batches"));
  }

  @Test
  void readsAndWritesOnlyTheAthenaResultsOfAnalytics() {
    String analytics = logicalId(template, "AWS::S3::Bucket", "BucketsAnalytics");

    assertThat(statements())
        .filteredOn(s -> String.valueOf(s.get("Resource")).contains(analytics))
        .extracting(s -> s.get("Resource"))
        .containsExactly(bucketAnd(analytics, "/athena-results/*"));
    Templates.assertOnlyTracingOnEveryResource(statements());
  }

  @Test
  void alarmsOnFailedRefreshesAndOnRefreshesLeftInTheDeadLetterQueue() {
    assertThat(properties(template, "AWS::CloudWatch::Alarm", "OperationsReportRefreshErrors"))
        .containsEntry("MetricName", "Errors")
        .containsEntry("Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref())));
    assertThat(properties(template, "AWS::CloudWatch::Alarm", "OperationsReportRefreshDeadLetters"))
        .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
        .containsEntry(
            "Dimensions",
            List.of(Map.of("Name", "QueueName", "Value", getAtt(queue(), "QueueName"))));
  }

  @Test
  void outputsTheFunctionName() {
    assertThat(template.findOutputs("ReportRefreshFunctionName"))
        .containsOnlyKeys("ReportRefreshFunctionName");
  }

  @Test
  void passesCdkNag() {
    assertThat(TestStacks.nagFindings(TestStacks.jvm()))
        .noneSatisfy(f -> assertThat(f).contains("ReportRefresh"));
  }

  @Test
  void namesTheBuildWhenTheReportsZipIsMissing() {
    Map<String, Object> zips =
        TestStacks.zipsMissing("reports", "ingest", "query", "exports", "maintenance");

    assertThatThrownBy(() -> TestStacks.synthesize(zips))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage(
            "Cannot use function zip ../functions/reports/target/not-built/function.zip: file not"
                + " found; build it first with `./mvnw -pl functions/reports -am package"
                + " -DskipTests` from the repository root, or point context strata:reportsZip at"
                + " another zip, or set strata:queryZip empty to deploy without the query API and"
                + " its reports");
  }

  /** Whether S3's prefix and suffix filter rules both accept the key. */
  private static boolean matches(List<Map<String, Object>> rules, String key) {
    return rules.stream()
        .allMatch(
            r ->
                "prefix".equals(r.get("Name"))
                    ? key.startsWith((String) r.get("Value"))
                    : key.endsWith((String) r.get("Value")));
  }

  private static String function() {
    return logicalId(template, "AWS::Lambda::Function", "ReportRefreshFunction");
  }

  private static String queue() {
    return logicalId(template, "AWS::SQS::Queue", "ReportRefreshDeadLetterQueue");
  }

  private static Map<String, Object> ref() {
    return Map.of("Ref", function());
  }

  private static List<Map<String, Object>> statements() {
    return Templates.statements(template, "ReportRefreshFunctionRoleDefaultPolicy");
  }
}
