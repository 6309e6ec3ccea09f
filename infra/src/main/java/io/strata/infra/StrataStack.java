package io.strata.infra;

import io.strata.core.access.AccessPolicyLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The whole lake in one stack: buckets, catalog, the ingest function on raw events, the query API,
 * the export finisher on Athena's state changes, the scheduled maintenance (compaction, snapshot
 * expiry), the report refresh after each committed batch, consumer roles from {@code access.yaml},
 * the deployed contracts and the alarms. With an empty {@code strata:queryZip} the query API, the
 * export finisher, the report refresh and the consumer roles are left out.
 */
public final class StrataStack extends Stack {

  /** The history bucket's folder of the materialized reports' tables (one per report and role). */
  public static final String MATERIALIZED_REPORTS_PREFIX = "_reports/";

  /** Where ingest keeps quarantined batches, and the report beside each. */
  static final String QUARANTINE_PREFIX = "_quarantine/";

  static final String QUARANTINE_REPORT = "report.json";

  /** How to build the ingest zip, named when it is missing. */
  public static final String INGEST_BUILD = "./mvnw -pl functions/ingest -am package -DskipTests";

  /** How to build the query zip, named when it is missing. */
  public static final String QUERY_BUILD = "./mvnw -pl functions/query -am package -DskipTests";

  /** How to build the export finisher's zip, named when it is missing. */
  public static final String EXPORTS_BUILD = "./mvnw -pl functions/exports -am package -DskipTests";

  /** How to build the maintenance function's zip, named when it is missing. */
  public static final String MAINTENANCE_BUILD =
      "./mvnw -pl functions/maintenance -am package -DskipTests";

  /** How to build the report refresh function's zip, named when it is missing. */
  public static final String REPORTS_BUILD = "./mvnw -pl functions/reports -am package -DskipTests";

  /** Where the maintenance function's zip comes from. */
  public static final FunctionZip.Origin MAINTENANCE_ZIP =
      new FunctionZip.Origin("strata:maintenanceZip", MAINTENANCE_BUILD, "");

  /**
   * Where the report refresh function's zip comes from; it is deployed with the query API, the only
   * reader of the tables it refreshes.
   */
  public static final FunctionZip.Origin REPORTS_ZIP =
      new FunctionZip.Origin(
          "strata:reportsZip",
          REPORTS_BUILD,
          "or set strata:queryZip empty to deploy without the query API and its reports");

  /** Where the export finisher's zip comes from; it is deployed with the query API. */
  public static final FunctionZip.Origin EXPORTS_ZIP =
      new FunctionZip.Origin(
          "strata:exportsZip",
          EXPORTS_BUILD,
          "or set strata:queryZip empty to deploy without the query API and its exports");

  /** Where the ingest zip comes from. */
  public static final FunctionZip.Origin INGEST_ZIP =
      new FunctionZip.Origin("strata:ingestZip", INGEST_BUILD, "");

  /** Where the query zip comes from; an empty context value deploys without the query API. */
  public static final FunctionZip.Origin QUERY_ZIP =
      new FunctionZip.Origin(
          "strata:queryZip",
          QUERY_BUILD,
          "or set it empty (-c strata:queryZip=) to deploy without the query API");

  /** The warning of a stack without the query API. */
  public static final String QUERY_API_LEFT_OUT =
      "The query API is left out: context strata:queryZip is empty, so the stack has no query"
          + " function, HTTP API or consumer roles; point it at a query zip to add them";

  private final LakeBuckets buckets;
  private final IngestFunction ingest;
  private final LargeFiles largeFiles;
  private final QueryApi query;
  private final ConsumerRoles consumers;
  private final ExportEvents exports;
  private final StreamIngest streams;
  private final Maintenance maintenance;
  private final ReportRefresh reportRefresh;

  public StrataStack(Construct scope, String id, StackProps props, StrataConfig config) {
    super(scope, id, props);
    LakeDefinition lake = LakeDefinition.load(config.datasetsDir());
    FunctionZip ingestZip =
        FunctionZip.inspect(config.ingestZip(), config.architecture(), INGEST_ZIP);
    FunctionZip queryZip =
        config.deploysQueryApi()
            ? FunctionZip.inspect(config.queryZip(), config.architecture(), QUERY_ZIP)
            : null;
    FunctionZip exportsZip =
        config.deploysQueryApi()
            ? FunctionZip.inspect(config.exportsZip(), config.architecture(), EXPORTS_ZIP)
            : null;
    FunctionZip maintenanceZip =
        FunctionZip.inspect(config.maintenanceZip(), config.architecture(), MAINTENANCE_ZIP);
    FunctionZip reportsZip =
        config.deploysQueryApi()
            ? FunctionZip.inspect(config.reportsZip(), config.architecture(), REPORTS_ZIP)
            : null;

    buckets =
        new LakeBuckets(
            this,
            "Buckets",
            new LakeBuckets.Props(
                config.rawRetentionDays(),
                config.athenaResultsExpiryDays(),
                config.historyNoncurrentVersionDays()));
    LakeCatalog catalog =
        new LakeCatalog(
            this,
            "Catalog",
            new LakeCatalog.Props(
                config.catalogDatabase(),
                config.athenaWorkGroup(),
                buckets.history(),
                buckets.analytics(),
                buckets.key(),
                config.athenaBytesScannedCutoffPerQuery()));
    Secret piiHashKey =
        Secret.Builder.create(this, "PiiHashKey")
            .description("Strata: key of the keyed hash (HMAC-SHA-256) of PII hash columns")
            .encryptionKey(buckets.key())
            .generateSecretString(
                SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    Nag.suppress(
        piiHashKey,
        "AwsSolutions-SMG4",
        "Rotating the PII hash key would change every hashed value and break joins across"
            + " history; re-keying is a deliberate migration, not a schedule");
    String contracts = buckets.history().s3UrlForObject(config.contractsPrefix());
    String access =
        buckets.history().s3UrlForObject(config.contractsPrefix() + AccessPolicyLoader.FILE_NAME);
    String reports =
        buckets.history().s3UrlForObject(config.contractsPrefix() + DatasetFiles.REPORTS_FOLDER);

    ingest =
        new IngestFunction(
            this,
            "Ingest",
            new IngestFunction.Props(
                ingestZip,
                config.lambdaArchitecture(),
                config.ingestMemoryMb(),
                config.ingestEphemeralStorageMb(),
                config.ingestReservedConcurrency(),
                buckets,
                catalog,
                contracts,
                config.contractsPrefix(),
                piiHashKey,
                config.logRetention()));
    if (queryZip != null) {
      query = queryApi(config, lake, queryZip, catalog, contracts, access, reports);
      consumers =
          new ConsumerRoles(
              this,
              "Consumers",
              new ConsumerRoles.Props(lake.access(), config.consumerTrust(), query));
      query
          .function()
          .function()
          .addEnvironment("STRATA_ACCESS_GENERATED_ROLES", consumers.generatedRolesJson());
      exports =
          new ExportEvents(
              this,
              "Exports",
              new ExportEvents.Props(
                  exportsZip,
                  config.lambdaArchitecture(),
                  buckets,
                  catalog,
                  config.logRetention()));
    } else {
      query = null;
      consumers = null;
      exports = null;
      Annotations.of(this).addWarningV2("strata:queryApiLeftOut", QUERY_API_LEFT_OUT);
    }
    maintenance =
        new Maintenance(
            this,
            "Maintenance",
            new Maintenance.Props(
                maintenanceZip,
                config.lambdaArchitecture(),
                buckets,
                catalog,
                List.copyOf(lake.contracts().keySet()),
                contracts,
                config.contractsPrefix(),
                config.maintenanceRateHours(),
                config.logRetention()));
    reportRefresh =
        reportsZip == null
            ? null
            : new ReportRefresh(
                this,
                "ReportRefresh",
                new ReportRefresh.Props(
                    reportsZip,
                    config.lambdaArchitecture(),
                    buckets,
                    catalog,
                    historyReadable(config, lake, false),
                    MATERIALIZED_REPORTS_PREFIX + "*",
                    contracts,
                    access,
                    reports,
                    config.logRetention()));
    new DatasetFiles(
        this,
        "Datasets",
        new DatasetFiles.Props(
            lake, buckets.history(), config.contractsPrefix(), config.logRetention()));
    Operations operations =
        new Operations(
            this,
            "Operations",
            new Operations.Props(
                ingest.function().function(),
                query == null ? null : query.function().function(),
                exports,
                maintenance,
                reportRefresh,
                ingest.deadLetterQueue(),
                catalog.workGroupName(),
                config.athenaDailyBytesScannedAlarm(),
                config.alarmEmail(),
                buckets.key()));
    LakeMonitoring monitoring =
        new LakeMonitoring(
            this,
            "Monitoring",
            new LakeMonitoring.Props(
                catalog.databaseName(),
                operations.topic(),
                ingest.deadLetterQueue(),
                config.quarantineRateAlarmPercent(),
                query != null));

    largeFiles =
        new LargeFiles(
            this,
            "LargeFiles",
            new LargeFiles.Props(
                ingest.function().function(), buckets, operations.topic(), config.logRetention()));

    streams = streamIngest(config, lake, catalog, contracts, piiHashKey, operations);

    output("RawBucketName", buckets.raw().getBucketName(), "Drop raw files here");
    output("HistoryBucketName", buckets.history().getBucketName(), "Parquet history");
    output("AnalyticsBucketName", buckets.analytics().getBucketName(), "Results and exports");
    output("IngestFunctionName", ingest.function().function().getFunctionName(), "Ingest");
    output("DeadLetterQueueUrl", ingest.deadLetterQueue().getQueueUrl(), "Failed ingest events");
    output("GlueDatabase", catalog.databaseName(), "Glue database of the lake");
    output("AthenaWorkGroup", catalog.workGroupName(), "Athena workgroup");
    output("PiiHashKeySecretArn", piiHashKey.getSecretArn(), "Key of PII hash columns");
    output(
        "MaintenanceFunctionName",
        maintenance.function().function().getFunctionName(),
        "Compacts and expires the lake's tables on a schedule");
    output("AlarmTopicArn", operations.topic().getTopicArn(), "Alarms publish here");
    output(
        "DashboardName",
        monitoring.dashboard().getDashboardName(),
        "CloudWatch dashboard of the lake: ingest, quarantines, commits, queries");
    if (query != null) {
      output("ApiUrl", query.url(), "Query API base URL (SigV4, service execute-api)");
      output("QueryFunctionName", query.function().function().getFunctionName(), "Query");
      output(
          "ExportFinisherFunctionName",
          exports.function().function().getFunctionName(),
          "Writes export manifests on Athena's query state changes");
      output(
          "ReportRefreshFunctionName",
          reportRefresh.function().function().getFunctionName(),
          "Refreshes the materialized reports after each committed batch and every hour");
      output(
          "ExportDeadLetterQueueUrl",
          exports.deadLetterQueue().getQueueUrl(),
          "Athena state changes the export finisher failed on");
      for (Map.Entry<String, Role> role : consumers.roles().entrySet()) {
        output(
            "Role" + ConsumerRoles.pascalCase(role.getKey()) + "Arn",
            role.getValue().getRoleArn(),
            "Assume to call the API as Strata role " + role.getKey());
      }
    }
    suppressCdkInternals();
  }

  /** The streaming layer, or null when {@code strata:streamDatasets} names no dataset. */
  private StreamIngest streamIngest(
      StrataConfig config,
      LakeDefinition lake,
      LakeCatalog catalog,
      String contracts,
      Secret piiHashKey,
      Operations operations) {
    StreamSettings settings = StreamSettings.from(getNode());
    if (!settings.enabled()) {
      return null;
    }
    for (String dataset : settings.datasets()) {
      if (!lake.contracts().containsKey(dataset)) {
        throw new StrataConfigException(
            "Cannot configure Strata: context strata:streamDatasets names "
                + dataset
                + ", which no contract in "
                + config.datasetsDir()
                + " declares");
      }
    }
    FunctionZip zip =
        FunctionZip.inspect(
            settings.zip(),
            config.architecture(),
            new FunctionZip.Origin(
                "strata:streamZip",
                "./mvnw -pl functions/stream -am package -DskipTests",
                "or set strata:streamDatasets empty to deploy without streams"));
    StreamIngest streamIngest =
        new StreamIngest(
            this,
            "Streams",
            new StreamIngest.Props(
                settings,
                zip,
                config.lambdaArchitecture(),
                config.stackName().toLowerCase(java.util.Locale.ROOT) + "-",
                buckets,
                catalog,
                contracts,
                config.contractsPrefix(),
                piiHashKey,
                operations.topic(),
                config.logRetention()));
    output(
        "StreamFunctionName",
        streamIngest.function().function().getFunctionName(),
        "Reads the dataset streams");
    return streamIngest;
  }

  /** The streaming layer; null when {@code strata:streamDatasets} is empty. */
  public StreamIngest streams() {
    return streams;
  }

  /**
   * The query API. Of the history bucket its role reads each dataset's data, the contracts (with
   * the reports among them), each dataset's quarantine reports and the materialized reports' tables
   * only, never the quarantined copies (raw copies of rejected files, PII unprotected).
   */
  private QueryApi queryApi(
      StrataConfig config,
      LakeDefinition lake,
      FunctionZip zip,
      LakeCatalog catalog,
      String contracts,
      String access,
      String reports) {
    List<String> readable = historyReadable(config, lake, true);
    readable.add(MATERIALIZED_REPORTS_PREFIX + "*");
    return new QueryApi(
        this,
        "Query",
        new QueryApi.Props(
            zip,
            config.lambdaArchitecture(),
            config.queryMemoryMb(),
            buckets,
            readable,
            catalog,
            contracts,
            access,
            reports,
            config.queryWaitSeconds(),
            config.logRetention()));
  }

  /**
   * The history bucket's key patterns the query and report refresh functions read, themselves and
   * through Athena: each dataset's folder (its Iceberg data and metadata), each keyed dataset's
   * current table, and the contracts (with the access policy and the reports' SQL among them); with
   * {@code quarantineReports}, each dataset's quarantine reports too (values PII-protected at
   * ingest), never the quarantined copies. Never the batch manifests.
   */
  private static List<String> historyReadable(
      StrataConfig config, LakeDefinition lake, boolean quarantineReports) {
    List<String> readable = new ArrayList<>();
    for (var dataset : lake.contracts().entrySet()) {
      readable.add(dataset.getKey() + "/*");
      if (quarantineReports) {
        readable.add(QUARANTINE_PREFIX + dataset.getKey() + "/*/" + QUARANTINE_REPORT);
      }
      if (!dataset.getValue().key().isEmpty()) {
        // The dataset's current table, which current-view queries read instead of history.
        readable.add("_current/" + dataset.getKey() + "/*");
      }
    }
    readable.add(config.contractsPrefix() + "*");
    return readable;
  }

  /**
   * The singleton Lambda functions CDK adds for the buckets' notifications and for the bucket
   * deployment: their code and roles are CDK's, not ours.
   */
  private void suppressCdkInternals() {
    for (IConstruct child : getNode().getChildren()) {
      String id = child.getNode().getId();
      if (id.startsWith("BucketNotificationsHandler")) {
        Nag.suppress(
            child,
            "AwsSolutions-IAM4",
            "CDK's S3 notification handler writes its logs through AWSLambdaBasicExecutionRole");
      }
      if (id.startsWith("Custom::CDKBucketDeployment")) {
        Nag.suppress(
            child,
            "AwsSolutions-IAM4",
            "CDK's bucket deployment handler writes its logs through"
                + " AWSLambdaBasicExecutionRole");
        Nag.suppress(
            child,
            "AwsSolutions-IAM5",
            "CDK's bucket deployment copies the datasets asset from the CDK assets bucket into"
                + " the contracts prefix of the history bucket and prunes files removed since:"
                + " CDK's grants read the assets bucket and read and write the history bucket's"
                + " objects with the lake key",
            Nag.bucketGrantFindings(
                "/^Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-"
                    + Nag.ACCOUNT
                    + "-"
                    + Nag.REGION
                    + "\\/\\*$/g",
                Nag.objectsOf(buckets.history())));
        Nag.suppress(
            child,
            "AwsSolutions-L1",
            "The bucket deployment handler's Python runtime is chosen by CDK with its bundled"
                + " AWS CLI layer");
      }
    }
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }

  public LakeBuckets buckets() {
    return buckets;
  }

  public LargeFiles largeFiles() {
    return largeFiles;
  }

  public IngestFunction ingest() {
    return ingest;
  }

  /** The query API; null when {@code strata:queryZip} is empty. */
  public QueryApi query() {
    return query;
  }

  /** The export finisher; null when {@code strata:queryZip} is empty. */
  public ExportEvents exports() {
    return exports;
  }

  /** The scheduled maintenance of the lake's tables. */
  public Maintenance maintenance() {
    return maintenance;
  }

  /** The refresh of the materialized reports after each committed batch; null without the API. */
  public ReportRefresh reportRefresh() {
    return reportRefresh;
  }

  /** The consumer roles; null when {@code strata:queryZip} is empty. */
  public ConsumerRoles consumers() {
    return consumers;
  }
}
