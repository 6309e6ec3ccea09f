package io.strata.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The query API: an HTTP API whose every route requires IAM authorization (SigV4) and goes to the
 * query function. The function's role runs Athena in the lake's workgroup, reads the datasets,
 * batch manifests, contracts and reports of history (not its quarantine) and the Glue tables of the
 * lake, and reads and writes the Athena results and the exports of the analytics bucket.
 */
public final class QueryApi extends Construct {

  /** The API's one stage, served at the API's base URL. */
  public static final String STAGE = "$default";

  /**
   * The query function's timeout: the HTTP API ends every integration after 30 seconds, so a longer
   * one would only keep a function running whose answer nobody receives.
   */
  public static final int TIMEOUT_SECONDS = 30;

  /**
   * The largest row limit a structured query may ask for ({@code STRATA_QUERY_MAX_LIMIT}). The
   * report refresh function gets the same value: a report compiles with it, and a materialized
   * table is only served for a report that compiled the same way in both functions.
   */
  public static final int MAX_LIMIT = 100_000;

  /** Athena actions of the query function, on the lake's workgroup only. */
  public static final List<String> ATHENA_ACTIONS =
      List.of(
          "athena:StartQueryExecution",
          "athena:GetQueryExecution",
          "athena:GetQueryResults",
          "athena:StopQueryExecution");

  /**
   * Glue actions of the query function (and of Athena on its behalf, which runs with the function's
   * credentials): read only, on the catalog, the lake database and its tables.
   */
  public static final List<String> GLUE_ACTIONS =
      List.of("glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables");

  /** Glue actions of the query function on the materialized reports' database: read only. */
  public static final List<String> REPORTS_GLUE_ACTIONS =
      List.of("glue:GetDatabase", "glue:GetTable");

  /** The folders of the analytics bucket the function reads and writes; nothing else of it. */
  public static final List<String> ANALYTICS_WRITABLE =
      List.of(LakeBuckets.ATHENA_RESULTS_PREFIX, LakeBuckets.EXPORTS_PREFIX);

  /**
   * Settings of the query API.
   *
   * @param historyReadable key patterns of the history bucket the function may read (each dataset's
   *     folder, the batch manifests, the contracts); nothing else of it
   * @param contractsLocation {@code s3://<history-bucket>/<prefix>} of the contracts
   * @param accessLocation {@code s3://<history-bucket>/<prefix>access.yaml}
   * @param reportsLocation {@code s3://<history-bucket>/<prefix>reports/}, the deployed report SQL
   * @param queryWaitSeconds how long a request waits for Athena before answering 202; less than the
   *     function's timeout
   */
  public record Props(
      FunctionZip zip,
      Architecture architecture,
      int memoryMb,
      LakeBuckets buckets,
      List<String> historyReadable,
      LakeCatalog catalog,
      String contractsLocation,
      String accessLocation,
      String reportsLocation,
      int queryWaitSeconds,
      RetentionDays logRetention) {

    public Props {
      if (queryWaitSeconds < 0 || queryWaitSeconds >= TIMEOUT_SECONDS) {
        throw new IllegalArgumentException(
            "Cannot create the query API: a wait for Athena of "
                + queryWaitSeconds
                + " s must be at least 0 and below the function's timeout of "
                + TIMEOUT_SECONDS
                + " s");
      }
    }
  }

  private final LakeFunction function;
  private final HttpApi api;
  private final HttpStage stage;

  public QueryApi(Construct scope, String id, Props props) {
    super(scope, id);
    LakeBuckets buckets = props.buckets();
    Map<String, String> environment =
        reportEnvironment(
            buckets,
            props.catalog(),
            props.contractsLocation(),
            props.accessLocation(),
            props.reportsLocation());
    environment.put("STRATA_ANALYTICS_BUCKET", buckets.analytics().getBucketName());
    environment.put("STRATA_QUERY_WAIT", String.valueOf(props.queryWaitSeconds()));
    function =
        new LakeFunction(
            this,
            "Query",
            new LakeFunction.Props(
                "Strata query API: governed queries, reports and exports over Athena",
                props.zip(),
                props.architecture(),
                props.memoryMb(),
                512,
                Duration.seconds(TIMEOUT_SECONDS),
                0,
                environment,
                props.logRetention(),
                null,
                0));
    for (String pattern : props.historyReadable()) {
      buckets.history().grantRead(function.function(), pattern);
    }
    // Athena writes results, and an export's UNLOAD its Parquet, with the function's credentials;
    // the function then lists the export and writes its manifest beside the data.
    for (String prefix : ANALYTICS_WRITABLE) {
      buckets.analytics().grantReadWrite(function.function(), prefix + "*");
    }
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(ATHENA_ACTIONS)
            .resources(List.of(props.catalog().workGroupArn()))
            .build());
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(GLUE_ACTIONS)
            .resources(props.catalog().glueArns())
            .build());
    // Serving a materialized report reads its table (Athena, FOR VERSION AS OF the snapshot the
    // function found current); nothing here writes one.
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(REPORTS_GLUE_ACTIONS)
            .resources(props.catalog().reportsGlueArns())
            .build());
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("glue:GetDatabase"))
            .resources(List.of(props.catalog().catalogArn(), props.catalog().defaultDatabaseArn()))
            .build());

    api =
        HttpApi.Builder.create(this, "Api")
            .description("Strata query API; every route requires SigV4-signed IAM requests")
            .defaultAuthorizer(new HttpIamAuthorizer())
            .createDefaultStage(false)
            .build();
    LogGroup accessLogs =
        LogGroup.Builder.create(this, "AccessLogs").retention(props.logRetention()).build();
    stage =
        api.addStage(
            "DefaultStage",
            HttpStageOptions.builder()
                .stageName(STAGE)
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder().rateLimit(50).burstLimit(100).build())
                .accessLogSettings(accessLogs(accessLogs))
                .build());
    HttpLambdaIntegration integration =
        new HttpLambdaIntegration("QueryFunction", function.function());
    for (ApiRoute route : ApiRoute.values()) {
      api.addRoutes(
          AddRoutesOptions.builder()
              .path(route.path())
              .methods(List.of(HttpMethod.valueOf(route.method())))
              .integration(integration)
              .build());
    }
    List<String> findings = Nag.bucketGrantFindings();
    findings.addAll(Nag.glueTablesOf(props.catalog().lakeDatabaseNames()));
    for (String prefix : ANALYTICS_WRITABLE) {
      findings.add(Nag.objectsOf(buckets.analytics(), prefix + "*"));
    }
    for (String pattern : props.historyReadable()) {
      findings.add(Nag.objectsOf(buckets.history(), pattern));
    }
    Nag.suppress(
        function,
        "AwsSolutions-IAM5",
        "CDK's bucket grants: read each dataset's folder (its Iceberg data and metadata), the"
            + " contracts and each dataset's quarantine reports (report.json of any batch, values"
            + " PII-protected at ingest; a key pattern cannot stop at one folder, so the function"
            + " itself reads only <batch>/report.json) of the history bucket (the function plans"
            + " snapshots, Athena reads the tables, both with the function's credentials),"
            + " read and write the Athena results and the exports of the analytics bucket (Athena"
            + " writes both with the function's credentials; UNLOAD writes one folder per export),"
            + " KMS data-key actions on the lake key; Glue reads the tables of the lake"
            + " databases (history and current) and of its materialized reports' database only",
        findings);
  }

  /**
   * The environment a report compiles with, which the query and the report refresh functions both
   * get: the history bucket, the lake database and workgroup, the contracts, access policy and
   * report SQL, the row limit. A materialized table is only served for a report that compiled the
   * same way in both functions. The map is the caller's to add its own settings to.
   */
  static Map<String, String> reportEnvironment(
      LakeBuckets buckets,
      LakeCatalog catalog,
      String contractsLocation,
      String accessLocation,
      String reportsLocation) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("STRATA_HISTORY_BUCKET", buckets.history().getBucketName());
    environment.put("STRATA_CATALOG_DATABASE", catalog.databaseName());
    environment.put("STRATA_ATHENA_WORKGROUP", catalog.workGroupName());
    environment.put("STRATA_CONTRACTS_LOCATION", contractsLocation);
    environment.put("STRATA_ACCESS_LOCATION", accessLocation);
    environment.put("STRATA_REPORTS_LOCATION", reportsLocation);
    environment.put("STRATA_QUERY_MAX_LIMIT", String.valueOf(MAX_LIMIT));
    return environment;
  }

  private static IAccessLogSettings accessLogs(LogGroup logGroup) {
    IAccessLogDestination destination = new LogGroupLogDestination(logGroup);
    AccessLogFormat format =
        AccessLogFormat.custom(
            "{\"requestId\":\"$context.requestId\",\"time\":\"$context.requestTime\","
                + "\"caller\":\"$context.identity.userArn\",\"ip\":\"$context.identity.sourceIp\","
                + "\"route\":\"$context.routeKey\",\"status\":\"$context.status\","
                + "\"latencyMs\":\"$context.responseLatency\","
                + "\"error\":\"$context.error.message\","
                + "\"integrationError\":\"$context.integrationErrorMessage\"}");
    return new IAccessLogSettings() {
      @Override
      public IAccessLogDestination getDestination() {
        return destination;
      }

      @Override
      public AccessLogFormat getFormat() {
        return format;
      }
    };
  }

  /**
   * The ARN {@code execute-api:Invoke} needs for one route grant on this API. The stage segment is
   * {@code *}: the API has only its {@code $default} stage, and the grant is about the route.
   */
  public String routeArn(RouteGrant grant) {
    return api.arnForExecuteApi(grant.method(), grant.resourcePath(), "*");
  }

  public LakeFunction function() {
    return function;
  }

  public HttpApi api() {
    return api;
  }

  /** The API's base URL. */
  public String url() {
    return stage.getUrl();
  }
}
