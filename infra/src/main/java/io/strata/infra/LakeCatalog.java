package io.strata.infra;

import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The Glue databases holding the datasets' Iceberg tables, history and current (Iceberg's
 * GlueCatalog creates and commits them from the ingest function), the database of the materialized
 * reports' tables, and the Athena workgroup the query function runs in: engine v3, settings
 * enforced, results encrypted in the analytics bucket, a per-query limit on bytes scanned.
 */
public final class LakeCatalog extends Construct {

  /**
   * Settings of the catalog.
   *
   * @param bytesScannedCutoffPerQuery Athena cancels a query that scans more
   */
  public record Props(
      String databaseName,
      String workGroupName,
      IBucket history,
      IBucket analytics,
      IKey key,
      long bytesScannedCutoffPerQuery) {}

  private final String databaseName;
  private final String reportsDatabaseName;
  private final CfnWorkGroup workGroup;

  public LakeCatalog(Construct scope, String id, Props props) {
    super(scope, id);
    Stack stack = Stack.of(this);
    databaseName = props.databaseName();
    CfnDatabase database =
        CfnDatabase.Builder.create(this, "Database")
            .catalogId(stack.getAccount())
            .databaseInput(
                CfnDatabase.DatabaseInputProperty.builder()
                    .name(databaseName)
                    .description("Strata history: one Iceberg table per dataset, made by ingest")
                    .build())
            .build();
    // The tables point at the retained history bucket and name each table's current metadata
    // file: dropping them with the stack would leave the history without its catalog entry.
    database.applyRemovalPolicy(RemovalPolicy.RETAIN);
    // The current tables (latest version per business key), kept by ingest beside the history.
    CfnDatabase current =
        CfnDatabase.Builder.create(this, "CurrentDatabase")
            .catalogId(stack.getAccount())
            .databaseInput(
                CfnDatabase.DatabaseInputProperty.builder()
                    .name(currentDatabaseName())
                    .description(
                        "Strata current tables: the latest version of each business key per"
                            + " dataset, kept by ingest after every batch")
                    .build())
            .build();
    current.applyRemovalPolicy(RemovalPolicy.RETAIN);

    reportsDatabaseName = databaseName + "_reports";
    CfnDatabase reports =
        CfnDatabase.Builder.create(this, "ReportsDatabase")
            .catalogId(stack.getAccount())
            .databaseInput(
                CfnDatabase.DatabaseInputProperty.builder()
                    .name(reportsDatabaseName)
                    .description(
                        "Strata materialized reports: one Iceberg table per report and role")
                    .build())
            .build();
    reports.applyRemovalPolicy(RemovalPolicy.RETAIN);
    workGroup =
        CfnWorkGroup.Builder.create(this, "WorkGroup")
            .name(props.workGroupName())
            .description("Strata query API")
            .state("ENABLED")
            .recursiveDeleteOption(true)
            .workGroupConfiguration(
                CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                    .enforceWorkGroupConfiguration(true)
                    .engineVersion(
                        CfnWorkGroup.EngineVersionProperty.builder()
                            .selectedEngineVersion("Athena engine version 3")
                            .build())
                    .bytesScannedCutoffPerQuery(props.bytesScannedCutoffPerQuery())
                    .publishCloudWatchMetricsEnabled(true)
                    .requesterPaysEnabled(false)
                    .resultConfiguration(
                        CfnWorkGroup.ResultConfigurationProperty.builder()
                            .outputLocation(
                                props.analytics().s3UrlForObject(LakeBuckets.ATHENA_RESULTS_PREFIX))
                            .encryptionConfiguration(
                                CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                    .encryptionOption("SSE_KMS")
                                    .kmsKey(props.key().getKeyArn())
                                    .build())
                            .build())
                    .build())
            .build();
  }

  public String databaseName() {
    return databaseName;
  }

  /** The database of the current tables: {@code <database>_current}. */
  public String currentDatabaseName() {
    return databaseName + "_current";
  }

  /** The database of the materialized reports' tables: {@code <database>_reports}. */
  public String reportsDatabaseName() {
    return reportsDatabaseName;
  }

  /** The names of the lake's three databases: history, current and reports. */
  public List<String> lakeDatabaseNames() {
    return List.of(databaseName, currentDatabaseName(), reportsDatabaseName);
  }

  /** The ARNs Glue checks for reading a materialized report's table: its database, its tables. */
  public List<String> reportsGlueArns() {
    Stack stack = Stack.of(this);
    return List.of(
        stack.formatArn(arn("glue", "database", reportsDatabaseName)),
        stack.formatArn(arn("glue", "table", reportsDatabaseName + "/*")));
  }

  public String workGroupName() {
    return workGroup.getName();
  }

  /**
   * The ARNs Glue checks for an action on the lake's tables: catalog, the history and current
   * databases, their tables.
   */
  public List<String> glueArns() {
    Stack stack = Stack.of(this);
    return List.of(
        catalogArn(),
        stack.formatArn(arn("glue", "database", databaseName)),
        stack.formatArn(arn("glue", "table", databaseName + "/*")),
        stack.formatArn(arn("glue", "database", currentDatabaseName())),
        stack.formatArn(arn("glue", "table", currentDatabaseName() + "/*")));
  }

  /** The ARN of the account's Data Catalog in this region. */
  public String catalogArn() {
    return Stack.of(this).formatArn(arn("glue", "catalog", null));
  }

  /** The ARN of the catalog's {@code default} database, which Athena looks up on every query. */
  public String defaultDatabaseArn() {
    return Stack.of(this).formatArn(arn("glue", "database", "default"));
  }

  /** The workgroup's ARN. */
  public String workGroupArn() {
    return Stack.of(this).formatArn(arn("athena", "workgroup", workGroup.getName()));
  }

  private static ArnComponents arn(String service, String resource, String name) {
    return ArnComponents.builder().service(service).resource(resource).resourceName(name).build();
  }
}
