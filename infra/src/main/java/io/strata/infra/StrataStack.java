package io.strata.infra;

import io.strata.core.access.AccessPolicyLoader;
import java.util.Map;
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
 * consumer roles from {@code access.yaml}, the deployed contracts and the alarms.
 */
public final class StrataStack extends Stack {

  /** How to build the ingest zip, named when it is missing. */
  public static final String INGEST_BUILD = "./mvnw -pl functions/ingest -am package -DskipTests";

  /** How to build the query zip, named when it is missing. */
  public static final String QUERY_BUILD = "./mvnw -pl functions/query -am package -DskipTests";

  private final LakeBuckets buckets;
  private final IngestFunction ingest;
  private final QueryApi query;
  private final ConsumerRoles consumers;

  public StrataStack(Construct scope, String id, StackProps props, StrataConfig config) {
    super(scope, id, props);
    LakeDefinition lake = LakeDefinition.load(config.datasetsDir());
    FunctionZip ingestZip =
        FunctionZip.inspect(config.ingestZip(), "strata:ingestZip", INGEST_BUILD);
    FunctionZip queryZip = FunctionZip.inspect(config.queryZip(), "strata:queryZip", QUERY_BUILD);

    buckets =
        new LakeBuckets(
            this,
            "Buckets",
            new LakeBuckets.Props(config.rawRetentionDays(), config.athenaResultsExpiryDays()));
    LakeCatalog catalog =
        new LakeCatalog(
            this,
            "Catalog",
            new LakeCatalog.Props(
                config.catalogDatabase(),
                config.athenaWorkGroup(),
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
                piiHashKey,
                config.logRetention()));
    query =
        new QueryApi(
            this,
            "Query",
            new QueryApi.Props(
                queryZip,
                config.lambdaArchitecture(),
                config.queryMemoryMb(),
                buckets,
                catalog,
                contracts,
                access,
                config.logRetention()));
    consumers =
        new ConsumerRoles(
            this,
            "Consumers",
            new ConsumerRoles.Props(lake.access(), config.consumerTrust(), query));
    query
        .function()
        .function()
        .addEnvironment("STRATA_ACCESS_GENERATED_ROLES", consumers.generatedRolesJson());
    new DatasetFiles(
        this,
        "Datasets",
        new DatasetFiles.Props(lake, buckets.history(), config.contractsPrefix()));
    Operations operations =
        new Operations(
            this,
            "Operations",
            new Operations.Props(
                ingest.function().function(),
                query.function().function(),
                ingest.deadLetterQueue(),
                catalog.workGroupName(),
                config.athenaDailyBytesScannedAlarm(),
                config.alarmEmail(),
                buckets.key()));

    output("RawBucketName", buckets.raw().getBucketName(), "Drop raw files here");
    output("HistoryBucketName", buckets.history().getBucketName(), "Parquet history");
    output("AnalyticsBucketName", buckets.analytics().getBucketName(), "Results and exports");
    output("ApiUrl", query.url(), "Query API base URL (SigV4, service execute-api)");
    output("IngestFunctionName", ingest.function().function().getFunctionName(), "Ingest");
    output("QueryFunctionName", query.function().function().getFunctionName(), "Query");
    output("DeadLetterQueueUrl", ingest.deadLetterQueue().getQueueUrl(), "Failed ingest events");
    output("GlueDatabase", catalog.databaseName(), "Glue database of the lake");
    output("AthenaWorkGroup", catalog.workGroupName(), "Athena workgroup");
    output("PiiHashKeySecretArn", piiHashKey.getSecretArn(), "Key of PII hash columns");
    output("AlarmTopicArn", operations.topic().getTopicArn(), "Alarms publish here");
    for (Map.Entry<String, Role> role : consumers.roles().entrySet()) {
      output(
          "Role" + ConsumerRoles.pascalCase(role.getKey()) + "Arn",
          role.getValue().getRoleArn(),
          "Assume to call the API as Strata role " + role.getKey());
    }
    suppressCdkInternals();
  }

  /**
   * The singleton Lambda functions CDK adds for the raw bucket's notifications and for the bucket
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
                + " the contracts prefix of the history bucket and prunes files removed since");
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

  public IngestFunction ingest() {
    return ingest;
  }

  public QueryApi query() {
    return query;
  }

  public ConsumerRoles consumers() {
    return consumers;
  }
}
