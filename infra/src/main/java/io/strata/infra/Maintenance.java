package io.strata.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * Keeps the lake's tables in shape without anyone calling it: an EventBridge schedule runs the
 * maintenance function, which compacts the small files of the history, current and report tables
 * and expires the snapshots outside each dataset's retention. Its role reads and commits those
 * tables in Glue, reads and writes (and deletes) only their data and metadata in the history
 * bucket, and reads the contracts; nothing else. A pass that fails on a table fails the invocation:
 * EventBridge retries, then the dead-letter queue and the errors alarm see it.
 */
public final class Maintenance extends Construct {

  /**
   * Glue actions of maintenance, what Iceberg's GlueCatalog calls to list, load and commit tables;
   * it never creates or drops one.
   */
  public static final List<String> GLUE_ACTIONS =
      List.of("glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:UpdateTable");

  /** The database suffix of the report tables, beside history's and current's. */
  public static final String REPORTS_SUFFIX = "_reports";

  /**
   * Settings of the maintenance.
   *
   * @param zip the {@code functions/maintenance} zip
   * @param datasets the datasets of the lake, whose table folders maintenance rewrites
   * @param contracts {@code s3://<history-bucket>/<prefix>}, where the contracts (retention) are
   * @param contractsPrefix the contracts' key prefix in the history bucket
   * @param rateHours hours between two maintenance passes
   */
  public record Props(
      FunctionZip zip,
      Architecture architecture,
      LakeBuckets buckets,
      LakeCatalog catalog,
      List<String> datasets,
      String contracts,
      String contractsPrefix,
      int rateHours,
      RetentionDays logRetention) {}

  private final LakeFunction function;
  private final Queue deadLetterQueue;
  private final Rule rule;

  public Maintenance(Construct scope, String id, Props props) {
    super(scope, id);
    LakeBuckets buckets = props.buckets();
    LakeCatalog catalog = props.catalog();
    deadLetterQueue =
        DeadLetterQueues.create(
            this, buckets.key(), "lake maintenance function and its EventBridge schedule");
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("STRATA_HISTORY_BUCKET", buckets.history().getBucketName());
    environment.put("STRATA_CONTRACTS_LOCATION", props.contracts());
    environment.put("STRATA_CATALOG_DATABASE", catalog.databaseName());
    function =
        new LakeFunction(
            this,
            "Function",
            new LakeFunction.Props(
                "Strata lake maintenance: compaction and snapshot expiry on a schedule",
                props.zip(),
                props.architecture(),
                2048,
                512,
                Duration.minutes(15),
                1,
                environment,
                props.logRetention(),
                new SqsDestination(deadLetterQueue),
                1));
    // Compaction reads and rewrites Parquet: data-path work.
    function.compileHotCodeFully();
    List<String> findings = new ArrayList<>();
    for (String prefix : tablePrefixes(props.datasets())) {
      buckets.history().grantReadWrite(function.function(), prefix);
      findings.add(Nag.objectsOf(buckets.history(), prefix));
    }
    buckets.history().grantRead(function.function(), props.contractsPrefix() + "*");
    findings.add(Nag.objectsOf(buckets.history(), props.contractsPrefix() + "*"));
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(GLUE_ACTIONS)
            .resources(glueArns(catalog))
            .build());
    rule =
        Schedules.create(
            this,
            "Runs the lake's maintenance every " + props.rateHours() + " hours",
            Duration.hours(props.rateHours()),
            function,
            deadLetterQueue);
    findings.addAll(Nag.glueTablesOf(catalog.lakeDatabaseNames()));
    Nag.suppress(
        function,
        "AwsSolutions-IAM5",
        "CDK's bucket grants: read, write and delete the data and metadata of the lake's Iceberg"
            + " tables (each dataset's, the current and the report tables) in the history bucket,"
            + " read the contracts, KMS data-key actions on the lake key; Glue on the tables of"
            + " the lake databases (history, current, reports) only",
        Nag.bucketGrantFindings(findings.toArray(String[]::new)));
  }

  /**
   * The history bucket's key patterns of the tables maintenance rewrites: each dataset's data and
   * metadata, the current tables, the report tables. Never the batch manifests, the quarantine or
   * the contracts.
   */
  public static List<String> tablePrefixes(List<String> datasets) {
    List<String> prefixes = new ArrayList<>();
    for (String dataset : datasets) {
      prefixes.add(dataset + "/data/*");
      prefixes.add(dataset + "/metadata/*");
    }
    prefixes.add("_current/*");
    prefixes.add(REPORTS_SUFFIX + "/*");
    return prefixes;
  }

  /** Catalog, the three lake databases and their tables. */
  private static List<String> glueArns(LakeCatalog catalog) {
    List<String> arns = new ArrayList<>(catalog.glueArns());
    arns.addAll(catalog.reportsGlueArns());
    return arns;
  }

  public LakeFunction function() {
    return function;
  }

  public Queue deadLetterQueue() {
    return deadLetterQueue;
  }

  public Rule rule() {
    return rule;
  }
}
