package io.strata.infra;

import static io.strata.infra.Templates.arn;
import static io.strata.infra.Templates.at;
import static io.strata.infra.Templates.bucketAnd;
import static io.strata.infra.Templates.getAtt;
import static io.strata.infra.Templates.logicalId;
import static io.strata.infra.Templates.properties;
import static io.strata.infra.Templates.statements;
import static io.strata.infra.Templates.variables;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class StrataStackTest {

  private static TestStacks.Synthesized synthesized;
  private static Template template;

  @BeforeAll
  static void synthesize() {
    synthesized = TestStacks.jvm();
    template = synthesized.template();
  }

  private static Map<String, Map<String, Object>> resources(String type) {
    return template.findResources(type);
  }

  @Test
  void passesCdkNagAwsSolutionsChecksWithoutUnsuppressedFindings() {
    assertThat(TestStacks.nagFindings(synthesized)).isEmpty();
  }

  @Test
  void encryptsTheLakeBucketsWithOurRotatingKey() {
    String key = logicalId(template, "AWS::KMS::Key", "BucketsKey");
    template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    for (String bucket : List.of("BucketsRaw", "BucketsHistory", "BucketsAnalytics")) {
      assertThat(properties(template, "AWS::S3::Bucket", bucket))
          .containsEntry(
              "BucketEncryption",
              Map.of(
                  "ServerSideEncryptionConfiguration",
                  List.of(
                      Map.of(
                          "BucketKeyEnabled",
                          true,
                          "ServerSideEncryptionByDefault",
                          Map.of(
                              "KMSMasterKeyID", getAtt(key, "Arn"), "SSEAlgorithm", "aws:kms")))))
          .containsEntry(
              "LoggingConfiguration",
              Map.of(
                  "DestinationBucketName",
                  Map.of("Ref", logicalId(template, "AWS::S3::Bucket", "BucketsAccessLogs")),
                  "LogFilePrefix",
                  bucket.substring("Buckets".length()).toLowerCase(Locale.ROOT) + "/"));
    }
  }

  @Test
  void blocksPublicAccessOnEveryBucket() {
    Map<String, Object> blockAll =
        Map.of(
            "BlockPublicAcls", true,
            "BlockPublicPolicy", true,
            "IgnorePublicAcls", true,
            "RestrictPublicBuckets", true);
    assertThat(resources("AWS::S3::Bucket")).hasSize(4);
    assertThat(resources("AWS::S3::Bucket").values())
        .allSatisfy(
            bucket ->
                assertThat(properties(bucket))
                    .containsEntry("PublicAccessBlockConfiguration", blockAll)
                    .containsEntry(
                        "OwnershipControls",
                        Map.of(
                            "Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced")))));
  }

  @Test
  void deniesEveryBucketRequestWithoutTls12() {
    assertThat(resources("AWS::S3::BucketPolicy")).hasSize(4);
    assertThat(resources("AWS::S3::BucketPolicy").values())
        .allSatisfy(
            policy -> {
              String document = properties(policy).get("PolicyDocument").toString();
              assertThat(document)
                  .contains("Effect=Deny")
                  .contains("Bool={aws:SecureTransport=false}")
                  .contains("NumericLessThan={s3:TlsVersion=1.2}");
            });
  }

  @Test
  void versionsRawAndHistoryAndAppliesLifecycleRulesFromContext() {
    template.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "VersioningConfiguration",
            Map.of("Status", "Enabled"),
            "LifecycleConfiguration",
            Map.of(
                "Rules",
                List.of(
                    Map.of(
                        "Id",
                        "raw-retention",
                        "Status",
                        "Enabled",
                        "ExpirationInDays",
                        365,
                        "NoncurrentVersionExpiration",
                        Map.of("NoncurrentDays", 365),
                        "AbortIncompleteMultipartUpload",
                        Map.of("DaysAfterInitiation", 1))))));
    template.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "VersioningConfiguration",
            Map.of("Status", "Enabled"),
            "LifecycleConfiguration",
            Map.of(
                "Rules",
                List.of(
                    Map.of(
                        "Id", "abort-incomplete-uploads",
                        "Status", "Enabled",
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1)),
                    Map.of(
                        "Id",
                        "noncurrent-versions",
                        "Status",
                        "Enabled",
                        "NoncurrentVersionExpiration",
                        Map.of("NoncurrentDays", 30),
                        "ExpiredObjectDeleteMarker",
                        true)))));
    template.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "LifecycleConfiguration",
            Map.of(
                "Rules",
                Match.arrayWith(
                    List.of(
                        Map.of(
                            "Id", "athena-results-expiry",
                            "Status", "Enabled",
                            "Prefix", "athena-results/",
                            "ExpirationInDays", 7))))));
  }

  @Test
  void retainsBucketsKeyDatabaseAndSecretWhenTheStackIsDeleted() {
    for (String type :
        List.of(
            "AWS::S3::Bucket",
            "AWS::KMS::Key",
            "AWS::Glue::Database",
            "AWS::SecretsManager::Secret")) {
      assertThat(template.findResources(type).values())
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r).containsEntry("DeletionPolicy", "Retain"));
    }
  }

  @Test
  void runsTheJvmIngestZipOnArm64WithTheAgreedSettings() {
    Map<String, Object> ingest = properties(template, "AWS::Lambda::Function", "IngestFunction");
    String history = logicalId(template, "AWS::S3::Bucket", "BucketsHistory");

    // The large-file state machine's ARN is LargeFilesTest's to check.
    Map<String, Object> variables = new java.util.HashMap<>(variables(ingest));
    assertThat(variables.remove("STRATA_SPLIT_STATE_MACHINE_ARN")).isNotNull();
    ingest = new java.util.HashMap<>(ingest);
    ingest.put("Environment", Map.of("Variables", variables));

    assertThat(ingest)
        .containsEntry("Runtime", "java21")
        .containsEntry("Handler", FunctionZip.JVM_HANDLER)
        .containsEntry("Architectures", List.of("arm64"))
        .containsEntry("MemorySize", 1024)
        .containsEntry("EphemeralStorage", Map.of("Size", 2048))
        .containsEntry("Timeout", 900)
        .containsEntry("ReservedConcurrentExecutions", 5)
        .containsEntry("TracingConfig", Map.of("Mode", "Active"))
        .containsEntry(
            "Environment",
            Map.of(
                "Variables",
                Map.of(
                    "STRATA_HISTORY_BUCKET",
                    Map.of("Ref", history),
                    "STRATA_CONTRACTS_LOCATION",
                    Map.of(
                        "Fn::Join",
                        List.of(
                            "", List.of("s3://", Map.of("Ref", history), "/_strata/datasets/"))),
                    "STRATA_CATALOG_DATABASE",
                    "strata_lake",
                    "STRATA_PII_HASH_KEY_SECRET",
                    Map.of("Ref", logicalId(template, "AWS::SecretsManager::Secret", "PiiHashKey")),
                    "JAVA_TOOL_OPTIONS",
                    LakeFunction.FULL_JIT)));
  }

  @Test
  void triggersIngestOnEveryObjectCreatedInRaw() {
    // One per bucket with notifications: raw's for ingest, history's for the report refresh.
    template.resourceCountIs("Custom::S3BucketNotifications", 2);
    template.hasResourceProperties(
        "Custom::S3BucketNotifications",
        Map.of(
            "BucketName",
            Map.of("Ref", logicalId(template, "AWS::S3::Bucket", "BucketsRaw")),
            "NotificationConfiguration",
            Map.of(
                "LambdaFunctionConfigurations",
                List.of(
                    Map.of(
                        "Events",
                        List.of("s3:ObjectCreated:*"),
                        "LambdaFunctionArn",
                        getAtt(
                            logicalId(template, "AWS::Lambda::Function", "IngestFunction"),
                            "Arn"))))));
  }

  @Test
  void sendsIngestEventsThatFailTwoRetriesToAnEncryptedDeadLetterQueue() {
    String queue = logicalId(template, "AWS::SQS::Queue", "IngestDeadLetterQueue");
    template.hasResourceProperties(
        "AWS::Lambda::EventInvokeConfig",
        Map.of(
            "FunctionName",
            Map.of("Ref", logicalId(template, "AWS::Lambda::Function", "IngestFunction")),
            "MaximumRetryAttempts",
            2,
            "DestinationConfig",
            Map.of("OnFailure", Map.of("Destination", getAtt(queue, "Arn")))));
    template.hasResourceProperties(
        "AWS::SQS::Queue",
        Map.of(
            "KmsMasterKeyId",
            getAtt(logicalId(template, "AWS::KMS::Key", "BucketsKey"), "Arn"),
            "MessageRetentionPeriod",
            1209600));
    template.hasResourceProperties(
        "AWS::SQS::QueuePolicy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Effect",
                            "Deny",
                            "Condition",
                            Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))));
  }

  @Test
  void limitsTheIngestRoleToTheLakeResources() {
    List<Map<String, Object>> statements = statements(template, "IngestRoleDefaultPolicy");
    String raw = logicalId(template, "AWS::S3::Bucket", "BucketsRaw");
    String history = logicalId(template, "AWS::S3::Bucket", "BucketsHistory");
    Map<String, Object> key = getAtt(logicalId(template, "AWS::KMS::Key", "BucketsKey"), "Arn");

    assertThat(statements)
        .anySatisfy(
            s ->
                assertThat(s)
                    .containsEntry(
                        "Action",
                        List.of(
                            "kms:Decrypt",
                            "kms:DescribeKey",
                            "kms:Encrypt",
                            "kms:ReEncrypt*",
                            "kms:GenerateDataKey*"))
                    .containsEntry("Resource", key))
        .anySatisfy(
            s ->
                assertThat(s)
                    .containsEntry(
                        "Action",
                        List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"))
                    .containsEntry(
                        "Resource",
                        getAtt(
                            logicalId(template, "AWS::SQS::Queue", "IngestDeadLetterQueue"),
                            "Arn")))
        .anySatisfy(
            s ->
                assertThat(s)
                    .containsEntry("Action", List.of("s3:GetObject*", "s3:GetBucket*", "s3:List*"))
                    .containsEntry("Resource", bucketAndObjects(raw)))
        .anySatisfy(
            s ->
                assertThat(s)
                    .containsEntry(
                        "Action",
                        List.of(
                            "s3:GetObject*",
                            "s3:GetBucket*",
                            "s3:List*",
                            "s3:DeleteObject*",
                            "s3:PutObject",
                            "s3:PutObjectLegalHold",
                            "s3:PutObjectRetention",
                            "s3:PutObjectTagging",
                            "s3:PutObjectVersionTagging",
                            "s3:Abort*"))
                    .containsEntry("Resource", bucketAndObjects(history)))
        .anySatisfy(
            s ->
                assertThat(s)
                    .containsEntry(
                        "Action",
                        List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
                    .containsEntry(
                        "Resource",
                        Map.of(
                            "Ref",
                            logicalId(template, "AWS::SecretsManager::Secret", "PiiHashKey"))))
        .anySatisfy(
            s ->
                assertThat(s)
                    .containsEntry("Action", IngestFunction.GLUE_ACTIONS)
                    .containsEntry("Resource", glueArns("strata_lake")));
    assertThat(statements)
        .filteredOn(s -> "*".equals(s.get("Resource")))
        .extracting(s -> s.get("Action"))
        .containsExactly(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"));
    assertThat(statements)
        .filteredOn(s -> String.valueOf(s.get("Action")).contains("kms:"))
        .allSatisfy(s -> assertThat(s).containsEntry("Resource", key));
    assertThat(properties(template, "AWS::IAM::Role", "IngestRole"))
        .doesNotContainKey("ManagedPolicyArns");
  }

  @Test
  void deniesIngestWritingOrDeletingTheContractsAndTheAccessPolicy() {
    String history = logicalId(template, "AWS::S3::Bucket", "BucketsHistory");

    assertThat(statements(template, "IngestRoleDefaultPolicy"))
        .filteredOn(s -> "Deny".equals(s.get("Effect")))
        .containsExactly(
            Map.of(
                "Effect",
                "Deny",
                "Action",
                List.of("s3:PutObject*", "s3:DeleteObject*"),
                "Resource",
                Map.of(
                    "Fn::Join",
                    List.of("", List.of(getAtt(history, "Arn"), "/_strata/datasets/*")))));
  }

  @Test
  void grantsAStarResourceInNoPolicyButForXRay() {
    Map<String, Map<String, Object>> policies = resources("AWS::IAM::Policy");

    assertThat(policies).hasSizeGreaterThanOrEqualTo(7);
    List<String> starGrants =
        policies.entrySet().stream()
            .flatMap(
                p ->
                    statements(p.getValue()).stream()
                        .filter(StrataStackTest::hasStarResource)
                        .map(
                            s -> p.getKey().replaceAll("[0-9A-F]{8}$", "") + " " + s.get("Action")))
            .toList();
    assertThat(starGrants)
        .containsExactlyInAnyOrder(
            "IngestRoleDefaultPolicy [xray:PutTraceSegments, xray:PutTelemetryRecords]",
            "QueryRoleDefaultPolicy [xray:PutTraceSegments, xray:PutTelemetryRecords]",
            "ExportsFinisherRoleDefaultPolicy [xray:PutTraceSegments, xray:PutTelemetryRecords]",
            "MaintenanceFunctionRoleDefaultPolicy [xray:PutTraceSegments,"
                + " xray:PutTelemetryRecords]",
            "ReportRefreshFunctionRoleDefaultPolicy [xray:PutTraceSegments,"
                + " xray:PutTelemetryRecords]",
            "LargeFilesStateMachineRoleDefaultPolicy [xray:PutTraceSegments,"
                + " xray:PutTelemetryRecords, xray:GetSamplingRules, xray:GetSamplingTargets]",
            "LargeFilesStateMachineRoleDefaultPolicy [logs:CreateLogDelivery,"
                + " logs:GetLogDelivery, logs:UpdateLogDelivery, logs:DeleteLogDelivery,"
                + " logs:ListLogDeliveries, logs:PutResourcePolicy, logs:DescribeResourcePolicies,"
                + " logs:DescribeLogGroups]");
  }

  private static boolean hasStarResource(Map<String, Object> statement) {
    Object resource = statement.get("Resource");
    return "*".equals(resource) || resource instanceof List<?> list && list.contains("*");
  }

  @Test
  void letsCloudWatchUseTheKeyOnlyForAlarmsOfThisAccount() {
    template.hasResourceProperties(
        "AWS::KMS::Key",
        Map.of(
            "KeyPolicy",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Map.of(
                            "Effect",
                            "Allow",
                            "Principal",
                            Map.of("Service", "cloudwatch.amazonaws.com"),
                            "Action",
                            List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                            "Resource",
                            "*",
                            "Condition",
                            Map.of(
                                "StringEquals",
                                Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")),
                                "ArnLike",
                                Map.of("aws:SourceArn", arn("cloudwatch", "alarm:*")))))))));
    List<Map<String, Object>> keyStatements =
        at(properties(template, "AWS::KMS::Key", "BucketsKey"), "KeyPolicy", "Statement");
    assertThat(keyStatements)
        .filteredOn(st -> String.valueOf(st.get("Principal")).contains("cloudwatch"))
        .singleElement()
        .satisfies(st -> assertThat(st).containsKey("Condition"));
  }

  @Test
  void createsTheCurrentTablesAndReportsDatabasesBesideTheHistoryDatabase() {
    template.hasResourceProperties(
        "AWS::Glue::Database",
        Map.of(
            "CatalogId", Map.of("Ref", "AWS::AccountId"),
            "DatabaseInput", Match.objectLike(Map.of("Name", "strata_lake_current"))));
    template.hasResourceProperties(
        "AWS::Glue::Database",
        Map.of(
            "CatalogId", Map.of("Ref", "AWS::AccountId"),
            "DatabaseInput", Match.objectLike(Map.of("Name", "strata_lake_reports"))));
    assertThat(template.findResources("AWS::Glue::Database")).hasSize(3);
  }

  @Test
  void createsTheGlueDatabaseAndAnEnforcedAthenaWorkGroup() {
    template.hasResourceProperties(
        "AWS::Glue::Database",
        Map.of(
            "CatalogId", Map.of("Ref", "AWS::AccountId"),
            "DatabaseInput", Match.objectLike(Map.of("Name", "strata_lake"))));
    template.hasResourceProperties(
        "AWS::Athena::WorkGroup",
        Map.of(
            "Name",
            "strata",
            "WorkGroupConfiguration",
            Map.of(
                "EnforceWorkGroupConfiguration",
                true,
                "EngineVersion",
                Map.of("SelectedEngineVersion", "Athena engine version 3"),
                "BytesScannedCutoffPerQuery",
                10737418240L,
                "PublishCloudWatchMetricsEnabled",
                true,
                "RequesterPaysEnabled",
                false,
                "ResultConfiguration",
                Map.of(
                    "OutputLocation",
                    Map.of(
                        "Fn::Join",
                        List.of(
                            "",
                            List.of(
                                "s3://",
                                Map.of(
                                    "Ref",
                                    logicalId(template, "AWS::S3::Bucket", "BucketsAnalytics")),
                                "/athena-results/"))),
                    "EncryptionConfiguration",
                    Map.of(
                        "EncryptionOption",
                        "SSE_KMS",
                        "KmsKey",
                        getAtt(logicalId(template, "AWS::KMS::Key", "BucketsKey"), "Arn"))))));
  }

  @Test
  void requiresIamAuthorizationOnEveryRouteOfTheQueryApi() {
    assertThat(resources("AWS::ApiGatewayV2::Route").values())
        .extracting(r -> properties(r).get("RouteKey"))
        .containsExactlyInAnyOrder(
            "GET /datasets",
            "GET /datasets/{dataset}",
            "POST /datasets/{dataset}/query",
            "GET /queries/{queryId}",
            "GET /reports",
            "POST /reports/{name}",
            "POST /datasets/{dataset}/exports",
            "GET /datasets/{dataset}/quality",
            "GET /datasets/{dataset}/quarantine",
            "GET /datasets/{dataset}/quarantine/{batchId}");
    assertThat(resources("AWS::ApiGatewayV2::Route").values())
        .allSatisfy(r -> assertThat(properties(r)).containsEntry("AuthorizationType", "AWS_IAM"));
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Stage",
        Map.of(
            "StageName",
            "$default",
            "AutoDeploy",
            true,
            "AccessLogSettings",
            Match.objectLike(
                Map.of(
                    "DestinationArn",
                    getAtt(
                        logicalId(template, "AWS::Logs::LogGroup", "QueryAccessLogs"), "Arn")))));
  }

  @Test
  void configuresTheQueryFunctionForTheLakeAndItsGeneratedRoles() {
    Map<String, Object> query = properties(template, "AWS::Lambda::Function", "QueryFunction");
    Map<String, Object> variables = variables(query);
    String history = logicalId(template, "AWS::S3::Bucket", "BucketsHistory");

    assertThat(query).containsEntry("Timeout", 30).containsEntry("Runtime", "java21");
    assertThat(variables)
        .containsOnlyKeys(
            "STRATA_HISTORY_BUCKET",
            "STRATA_ANALYTICS_BUCKET",
            "STRATA_CATALOG_DATABASE",
            "STRATA_ATHENA_WORKGROUP",
            "STRATA_CONTRACTS_LOCATION",
            "STRATA_ACCESS_LOCATION",
            "STRATA_ACCESS_GENERATED_ROLES",
            "STRATA_REPORTS_LOCATION",
            "STRATA_QUERY_WAIT",
            "STRATA_QUERY_MAX_LIMIT")
        .containsEntry("STRATA_ATHENA_WORKGROUP", "strata")
        .containsEntry(
            "STRATA_ACCESS_LOCATION",
            Map.of(
                "Fn::Join",
                List.of(
                    "", List.of("s3://", Map.of("Ref", history), "/_strata/datasets/access.yaml"))))
        .containsEntry(
            "STRATA_REPORTS_LOCATION",
            Map.of(
                "Fn::Join",
                List.of(
                    "", List.of("s3://", Map.of("Ref", history), "/_strata/datasets/reports/"))))
        .containsEntry("STRATA_QUERY_WAIT", "8")
        .containsEntry("STRATA_QUERY_MAX_LIMIT", "100000")
        .containsEntry(
            "STRATA_ACCESS_GENERATED_ROLES",
            Map.of(
                "Fn::Join",
                List.of(
                    "",
                    List.of(
                        "{\"",
                        getAtt(logicalId(template, "AWS::IAM::Role", "ConsumersAnalyst"), "Arn"),
                        "\":\"analyst\",\"",
                        getAtt(
                            logicalId(template, "AWS::IAM::Role", "ConsumersDataScientist"), "Arn"),
                        "\":\"data-scientist\",\"",
                        getAtt(logicalId(template, "AWS::IAM::Role", "ConsumersAdmin"), "Arn"),
                        "\":\"admin\"}"))));
  }

  @Test
  void limitsTheQueryRoleToTheWorkGroupAndTheLakeCatalog() {
    List<Map<String, Object>> statements = statements(template, "QueryRoleDefaultPolicy");

    assertThat(statements)
        .anySatisfy(
            s ->
                assertThat(s)
                    .containsEntry("Action", "glue:GetDatabase")
                    .containsEntry(
                        "Resource",
                        List.of(arn("glue", "catalog"), arn("glue", "database/default"))))
        .anySatisfy(
            s ->
                assertThat(s)
                    .containsEntry(
                        "Action",
                        List.of(
                            "athena:StartQueryExecution",
                            "athena:GetQueryExecution",
                            "athena:GetQueryResults",
                            "athena:StopQueryExecution"))
                    .containsEntry("Resource", arn("athena", "workgroup/strata")))
        .anySatisfy(
            s ->
                assertThat(s)
                    .containsEntry("Action", QueryApi.GLUE_ACTIONS)
                    .containsEntry("Resource", glueArns("strata_lake")))
        .anySatisfy(
            s ->
                assertThat(s)
                    .containsEntry(
                        "Action",
                        List.of(
                            "glue:GetDatabase",
                            "glue:GetDatabases",
                            "glue:GetTable",
                            "glue:GetTables")));
  }

  @Test
  void givesTheQueryRoleNoAthenaOrGlueActionOutsideTheWorkGroupAndTheLakeCatalog() {
    List<Map<String, Object>> statements = statements(template, "QueryRoleDefaultPolicy");

    assertThat(statements)
        .filteredOn(s -> String.valueOf(s.get("Action")).matches(".*\\b(athena|glue):.*"))
        .extracting(s -> s.get("Resource"))
        .containsExactlyInAnyOrder(
            arn("athena", "workgroup/strata"),
            glueArns("strata_lake"),
            List.of(
                arn("glue", "database/strata_lake_reports"),
                arn("glue", "table/strata_lake_reports/*")),
            List.of(arn("glue", "catalog"), arn("glue", "database/default")));
  }

  @Test
  void createsTheMaterializedReportsDatabaseWhichTheQueryRoleOnlyReads() {
    template.hasResourceProperties(
        "AWS::Glue::Database",
        Map.of(
            "CatalogId", Map.of("Ref", "AWS::AccountId"),
            "DatabaseInput", Match.objectLike(Map.of("Name", "strata_lake_reports"))));
    List<Map<String, Object>> statements = statements(template, "QueryRoleDefaultPolicy");

    assertThat(statements)
        .filteredOn(s -> String.valueOf(s.get("Resource")).contains("strata_lake_reports"))
        .singleElement()
        .satisfies(s -> assertThat(s).containsEntry("Action", QueryApi.REPORTS_GLUE_ACTIONS));
    assertThat(statements)
        .filteredOn(s -> String.valueOf(s.get("Resource")).contains("/_reports/*"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(String.valueOf(s.get("Action")))
                    .contains("s3:GetObject")
                    .doesNotContain("s3:PutObject")
                    .doesNotContain("s3:DeleteObject"));
  }

  @Test
  void letsTheQueryRoleReadAndWriteOnlyTheAthenaResultsAndTheExportsOfAnalytics() {
    String analytics = logicalId(template, "AWS::S3::Bucket", "BucketsAnalytics");
    List<Map<String, Object>> statements = statements(template, "QueryRoleDefaultPolicy");

    assertThat(statements)
        .filteredOn(s -> String.valueOf(s.get("Resource")).contains(analytics))
        .allSatisfy(
            s ->
                assertThat(s)
                    .containsEntry("Effect", "Allow")
                    .containsEntry(
                        "Action",
                        List.of(
                            "s3:GetObject*",
                            "s3:GetBucket*",
                            "s3:List*",
                            "s3:DeleteObject*",
                            "s3:PutObject",
                            "s3:PutObjectLegalHold",
                            "s3:PutObjectRetention",
                            "s3:PutObjectTagging",
                            "s3:PutObjectVersionTagging",
                            "s3:Abort*")))
        .extracting(s -> s.get("Resource"))
        .containsExactly(
            bucketAnd(analytics, "/athena-results/*"), bucketAnd(analytics, "/exports/*"));
    assertThat(statements)
        .filteredOn(s -> String.valueOf(s.get("Action")).contains("kms:"))
        .allSatisfy(
            s ->
                assertThat(s)
                    .containsEntry(
                        "Resource",
                        getAtt(logicalId(template, "AWS::KMS::Key", "BucketsKey"), "Arn")));
  }

  @Test
  void expiresTheAthenaResultsButNeverTheExports() {
    List<Map<String, Object>> rules =
        at(
            properties(template, "AWS::S3::Bucket", "BucketsAnalytics"),
            "LifecycleConfiguration",
            "Rules");

    assertThat(rules)
        .containsExactly(
            Map.of(
                "Id", "athena-results-expiry",
                "Status", "Enabled",
                "Prefix", "athena-results/",
                "ExpirationInDays", 7),
            Map.of(
                "Id", "abort-incomplete-uploads",
                "Status", "Enabled",
                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1)));
  }

  @Test
  void createsNoGlueTableTheIngestFunctionMakesEachDatasetsIcebergTable() {
    assertThat(resources("AWS::Glue::Table")).isEmpty();
    assertThat(statements(template, "IngestRoleDefaultPolicy"))
        .anySatisfy(
            s ->
                assertThat(s)
                    .containsEntry(
                        "Action",
                        List.of(
                            "glue:GetDatabase",
                            "glue:GetTable",
                            "glue:CreateTable",
                            "glue:UpdateTable"))
                    .containsEntry("Resource", glueArns("strata_lake")));
  }

  @Test
  void queryRoleReadsDatasetsCurrentAndReportTablesContractsAndQuarantineReportsNotManifests() {
    String history = logicalId(template, "AWS::S3::Bucket", "BucketsHistory");

    assertThat(statements(template, "QueryRoleDefaultPolicy"))
        .filteredOn(s -> String.valueOf(s.get("Resource")).contains(history))
        .allSatisfy(
            s ->
                assertThat(s)
                    .containsEntry("Effect", "Allow")
                    .containsEntry("Action", List.of("s3:GetObject*", "s3:GetBucket*", "s3:List*")))
        .extracting(s -> s.get("Resource"))
        .containsExactly(
            bucketAnd(history, "/bank_transactions/*"),
            bucketAnd(history, "/_quarantine/bank_transactions/*/report.json"),
            bucketAnd(history, "/_current/bank_transactions/*"),
            bucketAnd(history, "/telecom_usage/*"),
            bucketAnd(history, "/_quarantine/telecom_usage/*/report.json"),
            bucketAnd(history, "/_current/telecom_usage/*"),
            bucketAnd(history, "/_strata/datasets/*"),
            bucketAnd(history, "/_reports/*"));
  }

  @Test
  void deploysContractsAndAccessPolicyToTheConfiguredPrefix() {
    template.hasResourceProperties(
        "Custom::CDKBucketDeployment",
        Match.objectLike(
            Map.of(
                "DestinationBucketName",
                Map.of("Ref", logicalId(template, "AWS::S3::Bucket", "BucketsHistory")),
                "DestinationBucketKeyPrefix",
                "_strata/datasets/",
                "Prune",
                true)));
  }

  @Test
  void keepsLogsForTheConfiguredDaysAndAlarmsThroughAnEncryptedTopic() {
    assertThat(resources("AWS::Logs::LogGroup").values())
        .hasSize(8)
        .allSatisfy(g -> assertThat(properties(g)).containsEntry("RetentionInDays", 30));
    assertThat(properties(template, "AWS::Lambda::Function", "CustomCDKBucketDeployment"))
        .containsEntry(
            "LoggingConfig",
            Map.of(
                "LogGroup",
                Map.of("Ref", logicalId(template, "AWS::Logs::LogGroup", "DatasetsLogs"))));
    String topic = logicalId(template, "AWS::SNS::Topic", "OperationsAlarms");
    template.hasResourceProperties(
        "AWS::SNS::Topic",
        Map.of(
            "KmsMasterKeyId", getAtt(logicalId(template, "AWS::KMS::Key", "BucketsKey"), "Arn")));
    template.hasResourceProperties(
        "AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "lake-ops@example.com"));
    assertThat(resources("AWS::CloudWatch::Alarm").keySet())
        .hasSize(17)
        .allSatisfy(id -> assertThat(id).matches("(Operations|LargeFiles|Monitoring).*"));
    assertThat(resources("AWS::CloudWatch::Alarm").values())
        .allSatisfy(
            a ->
                assertThat(properties(a))
                    .containsEntry("AlarmActions", List.of(Map.of("Ref", topic))));
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(
            Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Namespace", "AWS/SQS",
                "Threshold", 1)));
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(Map.of("MetricName", "Throttles", "Namespace", "AWS/Lambda")));
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(Map.of("Threshold", 107374182400L, "Metrics", Match.anyValue())));
  }

  @Test
  void alarmsOnQuarantineRateAnomalyQuarantinesAndCommitFailuresOfTheLakesMetrics() {
    // the quarantine rate: metric math over the lake's quarantines and batches, in percent
    Map<String, Object> rate =
        properties(template, "AWS::CloudWatch::Alarm", "MonitoringQuarantineRate");
    assertThat(rate).containsEntry("Threshold", 20);
    String metrics = String.valueOf(rate.get("Metrics"));
    assertThat(metrics)
        .contains("IF(batches > 0, 100 * FILL(quarantines, 0) / batches, 0)")
        .contains("MetricName=Quarantines", "MetricName=Batches", "Namespace=Strata")
        .contains("{Name=Lake, Value=strata_lake}");
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(
            Map.of(
                "MetricName",
                "AnomalyVerdicts",
                "Namespace",
                "Strata",
                "Dimensions",
                Match.arrayWith(List.of(Map.of("Name", "Outcome", "Value", "quarantine"))),
                "Threshold",
                1)));
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(
            Map.of(
                "MetricName", "CommitFailures",
                "Namespace", "Strata",
                "Dimensions", List.of(Map.of("Name", "Lake", "Value", "strata_lake")),
                "Statistic", "Sum")));
  }

  @Test
  void drawsADashboardOfIngestQuarantinesCommitsAndQueriesOfTheLake() {
    Map<String, Map<String, Object>> dashboards = resources("AWS::CloudWatch::Dashboard");
    assertThat(dashboards).hasSize(1);
    String body =
        String.valueOf(properties(dashboards.values().iterator().next()).get("DashboardBody"));
    assertThat(body)
        .contains(
            "Ingested rows",
            "RowsAccepted",
            "RowsRejected",
            "Quarantines by reason",
            "SEARCH('{Strata,Lake,Reason} MetricName=\\\"Quarantines\\\" Lake=\\\"strata_lake\\\"'",
            "CommitLatency",
            "CommitRetries",
            "ApproximateNumberOfMessagesVisible",
            "QueryLatency",
            "BytesScanned",
            "ExportsFinished");
  }

  @Test
  void outputsBucketsApiUrlAndRoleArns() {
    assertThat(template.findOutputs("*").keySet())
        .containsExactlyInAnyOrder(
            "RawBucketName",
            "HistoryBucketName",
            "AnalyticsBucketName",
            "ApiUrl",
            "IngestFunctionName",
            "QueryFunctionName",
            "ExportFinisherFunctionName",
            "ExportDeadLetterQueueUrl",
            "DeadLetterQueueUrl",
            "GlueDatabase",
            "AthenaWorkGroup",
            "PiiHashKeySecretArn",
            "MaintenanceFunctionName",
            "ReportRefreshFunctionName",
            "AlarmTopicArn",
            "DashboardName",
            "RoleAnalystArn",
            "RoleDataScientistArn",
            "RoleAdminArn");
  }

  private static List<Object> bucketAndObjects(String bucket) {
    return bucketAnd(bucket, "/*");
  }

  private static List<Object> glueArns(String database) {
    return List.of(
        arn("glue", "catalog"),
        arn("glue", "database/" + database),
        arn("glue", "table/" + database + "/*"),
        arn("glue", "database/" + database + "_current"),
        arn("glue", "table/" + database + "_current/*"));
  }
}
