package io.strata.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * Keeps the materialized reports fresh: every batch manifest written to the history bucket (a
 * committed batch) invokes the report refresh function, and an hourly schedule catches up refreshes
 * that failed. The function runs each report on Athena and commits the result to the report's
 * Iceberg table with Iceberg's GlueCatalog. One refresh runs at a time, so two invocations never
 * run the same report twice on Athena. Its role runs Athena in the lake's workgroup, reads the
 * datasets' and current tables and the contracts (access policy and reports' SQL among them) of
 * history, never its quarantine, reads and writes the Athena results of analytics and the report
 * tables of history, and creates and commits only the tables of the reports database.
 */
public final class ReportRefresh extends Construct {

  /** Where ingest writes the batch manifests, {@code _batches/<dataset>/<batch-id>.json}. */
  public static final String BATCH_MANIFESTS_PREFIX = "_batches/";

  /**
   * The suffix of a batch manifest; the rejected rows beside it ({@code .rejects.jsonl}) do not end
   * with it and trigger nothing.
   */
  public static final String BATCH_MANIFEST_SUFFIX = ".json";

  /** How often the safety-net schedule refreshes every materialized report. */
  public static final Duration SAFETY_NET_RATE = Duration.hours(1);

  /**
   * Glue actions on the reports database and its tables, what Iceberg's GlueCatalog calls to list,
   * load, create and commit a report's table; it never drops a table or creates a database.
   */
  public static final List<String> REPORTS_GLUE_ACTIONS =
      List.of(
          "glue:GetDatabase",
          "glue:GetTable",
          "glue:GetTables",
          "glue:CreateTable",
          "glue:UpdateTable");

  /**
   * Settings of the report refresh.
   *
   * @param zip the {@code functions/reports} zip
   * @param historyReadable key patterns of the history bucket the function and Athena read (each
   *     dataset's folder, the current tables, the contracts); nothing else of it
   * @param reportTables key pattern of the report tables' data and metadata in the history bucket,
   *     which the function reads, writes and deletes (Iceberg expires old snapshots)
   * @param contractsLocation {@code s3://<history-bucket>/<prefix>} of the contracts
   * @param accessLocation {@code s3://<history-bucket>/<prefix>access.yaml}
   * @param reportsLocation {@code s3://<history-bucket>/<prefix>reports/}, the deployed report SQL
   */
  public record Props(
      FunctionZip zip,
      Architecture architecture,
      LakeBuckets buckets,
      LakeCatalog catalog,
      List<String> historyReadable,
      String reportTables,
      String contractsLocation,
      String accessLocation,
      String reportsLocation,
      RetentionDays logRetention) {

    public Props {
      historyReadable = List.copyOf(historyReadable);
    }
  }

  private final LakeFunction function;
  private final Queue deadLetterQueue;
  private final Rule rule;

  public ReportRefresh(Construct scope, String id, Props props) {
    super(scope, id);
    LakeBuckets buckets = props.buckets();
    LakeCatalog catalog = props.catalog();
    deadLetterQueue =
        DeadLetterQueues.create(
            this, buckets.key(), "report refresh function and its EventBridge schedule");
    Map<String, String> environment =
        QueryApi.reportEnvironment(
            buckets,
            catalog,
            props.contractsLocation(),
            props.accessLocation(),
            props.reportsLocation());
    function =
        new LakeFunction(
            this,
            "Function",
            new LakeFunction.Props(
                "Strata report refresh: materialized reports after each committed batch",
                props.zip(),
                props.architecture(),
                1024,
                512,
                Duration.minutes(15),
                1,
                environment,
                props.logRetention(),
                new SqsDestination(deadLetterQueue),
                2));

    List<String> findings = new ArrayList<>();
    for (String pattern : props.historyReadable()) {
      buckets.history().grantRead(function.function(), pattern);
      findings.add(Nag.objectsOf(buckets.history(), pattern));
    }
    buckets.history().grantReadWrite(function.function(), props.reportTables());
    findings.add(Nag.objectsOf(buckets.history(), props.reportTables()));
    // Athena writes the results with the function's credentials; the function reads them back.
    String results = LakeBuckets.ATHENA_RESULTS_PREFIX + "*";
    buckets.analytics().grantReadWrite(function.function(), results);
    findings.add(Nag.objectsOf(buckets.analytics(), results));
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(QueryApi.ATHENA_ACTIONS)
            .resources(List.of(catalog.workGroupArn()))
            .build());
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(QueryApi.GLUE_ACTIONS)
            .resources(catalog.glueArns())
            .build());
    // Glue checks the catalog as well as the database and table of a table it creates or updates.
    List<String> reportsArns = new ArrayList<>(List.of(catalog.catalogArn()));
    reportsArns.addAll(catalog.reportsGlueArns());
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(REPORTS_GLUE_ACTIONS)
            .resources(reportsArns)
            .build());
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("glue:GetDatabase"))
            .resources(List.of(catalog.catalogArn(), catalog.defaultDatabaseArn()))
            .build());

    buckets
        .history()
        .addEventNotification(
            EventType.OBJECT_CREATED,
            new LambdaDestination(function.function()),
            NotificationKeyFilter.builder()
                .prefix(BATCH_MANIFESTS_PREFIX)
                .suffix(BATCH_MANIFEST_SUFFIX)
                .build());
    rule =
        Schedules.create(
            this,
            "Refreshes the materialized reports every hour, catching up refreshes that failed",
            SAFETY_NET_RATE,
            function,
            deadLetterQueue);

    findings.addAll(Nag.glueTablesOf(catalog.lakeDatabaseNames()));
    Nag.suppress(
        function,
        "AwsSolutions-IAM5",
        "CDK's bucket grants: read each dataset's folder (its Iceberg data and metadata), the"
            + " current tables and the contracts (access policy and reports' SQL among them) of"
            + " the history bucket (Athena reads the tables with the function's credentials),"
            + " read, write and delete the report tables' data and metadata (Iceberg commits and"
            + " expires their snapshots), read and write the Athena results of the analytics"
            + " bucket (Athena writes them with the function's credentials), KMS data-key actions"
            + " on the lake key; Glue reads the tables of the lake databases (history and"
            + " current) and creates and commits only the tables of the reports database",
        Nag.bucketGrantFindings(findings.toArray(String[]::new)));
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
