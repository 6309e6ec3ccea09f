package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
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
    Map<String, Object> refresh = variables(function());
    Map<String, Object> query = variables(logicalId("AWS::Lambda::Function", "QueryFunction"));
    String history = logicalId("AWS::S3::Bucket", "BucketsHistory");

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
    Map<String, Object> function =
        properties(template.findResources("AWS::Lambda::Function").get(function()));
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
    assertThat(template.findResources("AWS::Lambda::EventInvokeConfig").values())
        .map(ReportRefreshTest::properties)
        .filteredOn(p -> ref().equals(p.get("FunctionName")))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .containsEntry("MaximumRetryAttempts", 2)
                    .containsEntry(
                        "DestinationConfig",
                        Map.of("OnFailure", Map.of("Destination", getAtt(queue, "Arn")))));
    assertThat(properties(template.findResources("AWS::SQS::Queue").get(queue)))
        .containsEntry("KmsMasterKeyId", getAtt(logicalId("AWS::KMS::Key", "BucketsKey"), "Arn"))
        .containsEntry("MessageRetentionPeriod", 1209600);
  }

  @Test
  void isInvokedByEveryBatchManifestCreatedInHistoryButNotByRejectsOrReportTables() {
    String history = logicalId("AWS::S3::Bucket", "BucketsHistory");
    Map<String, Object> notifications =
        template.findResources("Custom::S3BucketNotifications").values().stream()
            .map(ReportRefreshTest::properties)
            .filter(p -> Map.of("Ref", history).equals(p.get("BucketName")))
            .findFirst()
            .orElseThrow();

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> configurations =
        (List<Map<String, Object>>)
            ((Map<String, Object>) notifications.get("NotificationConfiguration"))
                .get("LambdaFunctionConfigurations");
    assertThat(configurations).hasSize(1);
    Map<String, Object> configuration = configurations.get(0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rules =
        (List<Map<String, Object>>)
            ((Map<String, Object>) ((Map<String, Object>) configuration.get("Filter")).get("Key"))
                .get("FilterRules");

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
        .map(ReportRefreshTest::properties)
        .filteredOn(p -> "s3.amazonaws.com".equals(p.get("Principal")))
        .filteredOn(p -> getAtt(function(), "Arn").equals(p.get("FunctionName")))
        .singleElement()
        .satisfies(p -> assertThat(p).containsEntry("SourceArn", getAtt(history, "Arn")));
  }

  @Test
  void catchesUpEveryHourWithRetriesIntoTheSameDeadLetterQueue() {
    Map<String, Object> rule =
        properties(
            template
                .findResources("AWS::Events::Rule")
                .get(logicalId("AWS::Events::Rule", "ReportRefreshSchedule")));

    assertThat(rule)
        .containsEntry("ScheduleExpression", "rate(1 hour)")
        .containsEntry("State", "ENABLED");
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
                    .containsEntry("DeadLetterConfig", Map.of("Arn", getAtt(queue(), "Arn"))));
  }

  @Test
  void letsEventBridgeUseTheKeyThroughOneStatementForEverySchedule() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> keyStatements =
        (List<Map<String, Object>>)
            ((Map<String, Object>)
                    properties(
                            template
                                .findResources("AWS::KMS::Key")
                                .get(logicalId("AWS::KMS::Key", "BucketsKey")))
                        .get("KeyPolicy"))
                .get("Statement");

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
                            Map.of("aws:SourceArn", StrataStackTest.arn("events", "rule/*")))));
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
                    .containsEntry("Resource", StrataStackTest.arn("athena", "workgroup/strata")));
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
                    StrataStackTest.arn("glue", "catalog"),
                    StrataStackTest.arn("glue", "database/strata_lake"),
                    StrataStackTest.arn("glue", "table/strata_lake/*"),
                    StrataStackTest.arn("glue", "database/strata_lake_current"),
                    StrataStackTest.arn("glue", "table/strata_lake_current/*"))),
            tuple(
                ReportRefresh.REPORTS_GLUE_ACTIONS,
                List.of(
                    StrataStackTest.arn("glue", "catalog"),
                    StrataStackTest.arn("glue", "database/strata_lake_reports"),
                    StrataStackTest.arn("glue", "table/strata_lake_reports/*"))),
            tuple(
                "glue:GetDatabase",
                List.of(
                    StrataStackTest.arn("glue", "catalog"),
                    StrataStackTest.arn("glue", "database/default"))));
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
    String history = logicalId("AWS::S3::Bucket", "BucketsHistory");
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
    String analytics = logicalId("AWS::S3::Bucket", "BucketsAnalytics");

    assertThat(statements())
        .filteredOn(s -> String.valueOf(s.get("Resource")).contains(analytics))
        .extracting(s -> s.get("Resource"))
        .containsExactly(bucketAnd(analytics, "/athena-results/*"));
    assertThat(statements())
        .filteredOn(s -> "*".equals(s.get("Resource")))
        .allSatisfy(
            s ->
                assertThat(s.get("Action"))
                    .isEqualTo(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords")));
  }

  @Test
  void alarmsOnFailedRefreshesAndOnRefreshesLeftInTheDeadLetterQueue() {
    Map<String, Map<String, Object>> alarms = template.findResources("AWS::CloudWatch::Alarm");

    assertThat(
            properties(
                alarms.get(logicalId("AWS::CloudWatch::Alarm", "OperationsReportRefreshErrors"))))
        .containsEntry("MetricName", "Errors")
        .containsEntry("Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref())));
    assertThat(
            properties(
                alarms.get(
                    logicalId("AWS::CloudWatch::Alarm", "OperationsReportRefreshDeadLetters"))))
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
    Map<String, Object> context = new LinkedHashMap<>(TestStacks.cdkJsonContext());
    context.put("strata:ingestZip", TestStacks.jvmZip("ingest").toString());
    context.put("strata:queryZip", TestStacks.jvmZip("query").toString());
    context.put("strata:exportsZip", TestStacks.jvmZip("exports").toString());
    context.put("strata:maintenanceZip", TestStacks.jvmZip("maintenance").toString());
    context.put("strata:reportsZip", "../functions/reports/target/not-built/function.zip");
    App app = new App(AppProps.builder().context(context).build());
    StrataConfig config = StrataConfig.from(app.getNode());

    assertThatThrownBy(() -> new StrataStack(app, "Probe", StackProps.builder().build(), config))
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
    return logicalId("AWS::Lambda::Function", "ReportRefreshFunction");
  }

  private static String queue() {
    return logicalId("AWS::SQS::Queue", "ReportRefreshDeadLetterQueue");
  }

  private static Map<String, Object> ref() {
    return Map.of("Ref", function());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> variables(String function) {
    Map<String, Object> properties =
        properties(template.findResources("AWS::Lambda::Function").get(function));
    return (Map<String, Object>)
        ((Map<String, Object>) properties.get("Environment")).get("Variables");
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
  private static List<Map<String, Object>> statements() {
    Map<String, Object> policy =
        template
            .findResources("AWS::IAM::Policy")
            .get(logicalId("AWS::IAM::Policy", "ReportRefreshFunctionRoleDefaultPolicy"));
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
