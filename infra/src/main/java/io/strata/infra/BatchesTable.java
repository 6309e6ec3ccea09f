package io.strata.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The Glue table {@value #NAME} over the batch manifests in the history bucket, through which every
 * Athena query sees only committed batches: {@code "_batch_id" IN (SELECT batchid FROM
 * strata_batches WHERE dataset = ?)}.
 */
public final class BatchesTable extends Construct {

  /** The table's name in the lake database; no dataset may take it. */
  public static final String NAME = "strata_batches";

  /** The manifest fields the table reads, with their types; other fields are ignored. */
  public static final List<Map.Entry<String, String>> COLUMNS =
      List.of(
          Map.entry("batchid", "string"),
          Map.entry("committedat", "string"),
          Map.entry("ingestedat", "string"),
          Map.entry("contractversion", "int"));

  /**
   * Where the table lives and what it reads.
   *
   * @param databaseName the lake database, created by the caller before the table
   */
  public record Props(String databaseName, IBucket history) {}

  private final CfnTable table;

  public BatchesTable(Construct scope, String id, Props props) {
    super(scope, id);
    String location = props.history().s3UrlForObject(LakeBuckets.BATCHES_PREFIX);
    // Each manifest _batches/<dataset>/<batchId>.json is one line of JSON: one row. The rejects
    // files <batchId>.rejects.jsonl sit in the same folders and are read too; their lines carry no
    // batchId, committedAt or ingestedAt, so they become rows whose batchid is null, which
    // "_batch_id IN (SELECT batchid ...)" never matches. Manifest keys are camelCase; the SerDe
    // matches them to these lower-case columns case-insensitively (its default).
    table =
        CfnTable.Builder.create(this, "Table")
            .catalogId(Stack.of(this).getAccount())
            .databaseName(props.databaseName())
            .tableInput(
                CfnTable.TableInputProperty.builder()
                    .name(NAME)
                    .description(
                        "Strata batch manifests: a dataset's batches count once committed here")
                    .tableType("EXTERNAL_TABLE")
                    .parameters(
                        Map.of(
                            "EXTERNAL", "TRUE",
                            "classification", "json",
                            // Injected projection: every query names its dataset, so Athena reads
                            // that one folder and Glue holds no partitions to keep up to date.
                            "projection.enabled", "true",
                            "projection.dataset.type", "injected",
                            "storage.location.template", location + "${dataset}/"))
                    .partitionKeys(List.of(column("dataset", "string")))
                    .storageDescriptor(
                        CfnTable.StorageDescriptorProperty.builder()
                            .location(location)
                            .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                            .outputFormat(
                                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                            .serdeInfo(
                                CfnTable.SerdeInfoProperty.builder()
                                    .serializationLibrary("org.openx.data.jsonserde.JsonSerDe")
                                    .parameters(Map.of("ignore.malformed.json", "true"))
                                    .build())
                            .columns(
                                COLUMNS.stream()
                                    .map(c -> column(c.getKey(), c.getValue()))
                                    .toList())
                            .build())
                    .build())
            .build();
  }

  private static CfnTable.ColumnProperty column(String name, String type) {
    return CfnTable.ColumnProperty.builder().name(name).type(type).build();
  }

  public CfnTable table() {
    return table;
  }
}
