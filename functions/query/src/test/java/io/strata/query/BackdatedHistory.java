package io.strata.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.aws.testing.GlueFake;
import io.strata.aws.testing.S3ProxyServer;
import io.strata.core.contract.ContractLoader;
import io.strata.core.table.BatchCommitter;
import io.strata.core.table.BatchSnapshot;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistoryTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.glue.GlueCatalog;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The history the query Lambda's tests read: both demo datasets' Iceberg tables, made through
 * Iceberg's GlueCatalog against the Glue stand-in and s3proxy, each with one committed batch whose
 * snapshot is backdated to the morning of 2024-01-15, so that the fixtures' {@code asOf} instants
 * of 2024-01-16 find it. Iceberg stamps snapshots with the wall clock; only this test fixture moves
 * the stamp, by rewriting the metadata file and pointing the Glue table at the rewritten copy.
 */
final class BackdatedHistory {

  /** When the backdated batches committed. */
  static final Instant COMMITTED = Instant.parse("2024-01-15T06:00:02Z");

  /** The bank batch's id, as the dataset routes show it. */
  static final String BANK_BATCH = "0a1b2c3d4e5f60718293a4b5";

  private static final ObjectMapper JSON = new ObjectMapper();

  private BackdatedHistory() {}

  static void write(GlueFake glue, S3ProxyServer s3, String history) {
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO");
    properties.put("http-client.type", "urlconnection");
    properties.put("glue.endpoint", glue.endpoint().toString());
    properties.put("s3.endpoint", s3.endpoint().toString());
    properties.put("s3.path-style-access", "true");
    properties.put("s3.access-key-id", S3ProxyServer.ACCESS_KEY);
    properties.put("s3.secret-access-key", S3ProxyServer.SECRET_KEY);
    properties.put("client.region", S3ProxyServer.REGION.id());
    GlueCatalog catalog = new GlueCatalog();
    catalog.initialize("fixture", properties);
    HistoryTables tables = new HistoryTables(catalog, "lake", history, CommitRetry.DEFAULT);
    S3Client client = s3.newClient();
    try {
      commit(tables, "bank_transactions", BANK_BATCH, "booking_date", glue, client, history);
      commit(
          tables, "telecom_usage", "1b2c3d4e5f60718293a4b5c6", "event_date", glue, client, history);
    } finally {
      client.close();
      try {
        catalog.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void commit(
      HistoryTables tables,
      String dataset,
      String batchId,
      String partition,
      GlueFake glue,
      S3Client s3,
      String history) {
    Table table = tables.ensure(ContractLoader.load(Path.of("../../datasets", dataset + ".yaml")));
    List<DataFile> files =
        List.of("2024-01-14", "2024-01-15").stream()
            .map(
                day ->
                    DataFiles.builder(table.spec())
                        .withPath(
                            "s3://"
                                + history
                                + "/"
                                + dataset
                                + "/data/"
                                + partition
                                + "="
                                + day
                                + "/"
                                + batchId
                                + "-0.parquet")
                        .withFormat(FileFormat.PARQUET)
                        .withFileSizeInBytes(1024)
                        .withRecordCount(10)
                        .withPartitionPath(partition + "=" + day)
                        .build())
            .toList();
    BatchSnapshot batch =
        new BatchSnapshot(
            batchId,
            "s3://strata-raw/" + dataset + "/2024/01/15/drop",
            null,
            "0ba35422ab0b5ec630ed001ab71c6e8f",
            2048,
            1,
            Instant.parse("2024-01-15T06:00:00Z"),
            null,
            21,
            21,
            0,
            null);
    new BatchCommitter(tables.retry()).commit(table, batchId, files, batch.summary());
    backdate(glue, s3, dataset, glue.tableParameters("lake", dataset).get("metadata_location"));
  }

  /** Rewrites the table's metadata with every commit time moved to {@link #COMMITTED}. */
  private static void backdate(GlueFake glue, S3Client s3, String dataset, String location) {
    URI uri = URI.create(location);
    String bucket = uri.getHost();
    String key = uri.getPath().substring(1);
    try {
      ObjectNode metadata =
          (ObjectNode)
              JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
      long millis = COMMITTED.toEpochMilli();
      metadata.put("last-updated-ms", millis);
      for (String list : List.of("snapshots", "snapshot-log", "metadata-log")) {
        for (JsonNode entry : metadata.path(list)) {
          ((ObjectNode) entry).put("timestamp-ms", millis);
        }
      }
      String backdated = key.replace(".metadata.json", "-backdated.metadata.json");
      s3.putObject(
          b -> b.bucket(bucket).key(backdated),
          RequestBody.fromBytes(JSON.writeValueAsBytes(metadata)));
      glue.setTableParameter(
          "lake", dataset, "metadata_location", "s3://" + bucket + "/" + backdated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
