package io.strata.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The ingest function, invoked asynchronously by every {@code ObjectCreated} event of the raw
 * bucket, with two retries and an encrypted dead-letter queue for events that still fail. Its role
 * reads raw, reads and writes history (but never the contracts), reads the PII hash key and creates
 * and commits to the Iceberg tables of the lake's Glue database only.
 */
public final class IngestFunction extends Construct {

  /**
   * Glue actions of ingest, what Iceberg's GlueCatalog calls: read the database, create a dataset's
   * table, read it and commit to it ({@code UpdateTable}, conditional on its {@code VersionId}).
   */
  public static final List<String> GLUE_ACTIONS =
      List.of("glue:GetDatabase", "glue:GetTable", "glue:CreateTable", "glue:UpdateTable");

  /**
   * What ingest may never do to the contracts and the access policy, although its history grant
   * would allow it: only the deployment changes them.
   */
  public static final List<String> CONTRACTS_DENIED_ACTIONS =
      List.of("s3:PutObject*", "s3:DeleteObject*");

  /**
   * Settings of the ingest function.
   *
   * @param contractsLocation {@code s3://<history-bucket>/<prefix>} where the contracts are
   *     deployed
   * @param contractsPrefix the prefix of the history bucket holding the contracts and the access
   *     policy, which ingest reads but may never change
   * @param piiHashKey the secret holding the key of PII {@code hash} columns
   */
  public record Props(
      FunctionZip zip,
      Architecture architecture,
      int memoryMb,
      int ephemeralStorageMb,
      int reservedConcurrency,
      LakeBuckets buckets,
      LakeCatalog catalog,
      String contractsLocation,
      String contractsPrefix,
      ISecret piiHashKey,
      RetentionDays logRetention) {}

  private final LakeFunction function;
  private final Queue deadLetterQueue;

  public IngestFunction(Construct scope, String id, Props props) {
    super(scope, id);
    LakeBuckets buckets = props.buckets();
    deadLetterQueue = DeadLetterQueues.create(this, buckets.key(), "ingest function");
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("STRATA_HISTORY_BUCKET", buckets.history().getBucketName());
    environment.put("STRATA_CONTRACTS_LOCATION", props.contractsLocation());
    environment.put("STRATA_CATALOG_DATABASE", props.catalog().databaseName());
    environment.put("STRATA_PII_HASH_KEY_SECRET", props.piiHashKey().getSecretArn());
    function =
        new LakeFunction(
            this,
            "Ingest",
            new LakeFunction.Props(
                "Strata ingest: raw object -> validated Parquet history",
                props.zip(),
                props.architecture(),
                props.memoryMb(),
                props.ephemeralStorageMb(),
                Duration.minutes(15),
                props.reservedConcurrency(),
                environment,
                props.logRetention(),
                new SqsDestination(deadLetterQueue),
                2));
    function.compileHotCodeFully();
    buckets.raw().grantRead(function.function());
    buckets.history().grantReadWrite(function.function());
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.DENY)
            .actions(CONTRACTS_DENIED_ACTIONS)
            .resources(List.of(buckets.history().arnForObjects(props.contractsPrefix() + "*")))
            .build());
    props.piiHashKey().grantRead(function.function());
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(GLUE_ACTIONS)
            .resources(props.catalog().glueArns())
            .build());
    buckets
        .raw()
        .addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(function.function()));
    Nag.suppress(
        function,
        "AwsSolutions-IAM5",
        "CDK's bucket grants: object actions on every key of the raw bucket (read, incl."
            + " GetObjectVersion) and the history bucket (read, write, delete, abort multipart"
            + " uploads), KMS data-key actions on the lake key; Glue on the tables of the lake"
            + " databases (history and current) only",
        Nag.bucketGrantFindings(
            Nag.objectsOf(buckets.raw()),
            Nag.objectsOf(buckets.history()),
            Nag.arnIn("glue", "table/" + props.catalog().databaseName() + "/*"),
            Nag.arnIn("glue", "table/" + props.catalog().currentDatabaseName() + "/*")));
  }

  public LakeFunction function() {
    return function;
  }

  public Queue deadLetterQueue() {
    return deadLetterQueue;
  }
}
