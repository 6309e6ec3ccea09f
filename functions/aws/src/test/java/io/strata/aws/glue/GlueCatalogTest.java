package io.strata.aws.glue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.strata.core.catalog.CatalogConflictException;
import io.strata.core.catalog.CatalogException;
import io.strata.core.catalog.CatalogPartition;
import io.strata.core.catalog.CatalogRegistrar;
import io.strata.core.catalog.CatalogRetry;
import io.strata.core.contract.ContractLoader;
import io.strata.core.contract.DatasetContract;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.glue.GlueClient;

/** The Glue adapter against WireMock standing in for Glue, through the real SDK. */
class GlueCatalogTest {

  @RegisterExtension
  static final WireMockExtension GLUE =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "lake.bank_transactions";

  private GlueClient client;
  private GlueCatalog catalog;

  @BeforeEach
  void connect() {
    client = client(3);
    catalog =
        new GlueCatalog(
            client, "lake", new CatalogRetry(3, Duration.ofMillis(1), Duration.ofMillis(5)));
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void createsTableAsExternalParquetWithColumnsSerDeLocationAndParameters() {
    // given
    GLUE.stubFor(glue("CreateTable").willReturn(ok("{}")));

    // when
    catalog.createTable(GlueFixtures.table());

    // then
    GLUE.verify(
        1,
        called("CreateTable")
            .withRequestBody(
                equalToJson(
                    """
                    {
                      "DatabaseName": "lake",
                      "TableInput": {
                        "Name": "bank_transactions",
                        "Description": "Card and transfer transactions",
                        "TableType": "EXTERNAL_TABLE",
                        "Parameters": {
                          "classification": "parquet",
                          "EXTERNAL": "TRUE",
                          "strata.contract_version": "2"
                        },
                        "PartitionKeys": [
                          {"Name": "booking_date", "Type": "date", "Comment": "UTC day of booked_at"}
                        ],
                        "StorageDescriptor": {
                          "Columns": [
                            {"Name": "transaction_id", "Type": "string",
                             "Comment": "unique per source system"},
                            {"Name": "amount", "Type": "decimal(18,2)"},
                            {"Name": "_batch_id", "Type": "string",
                             "Comment": "batch that wrote the row"}
                          ],
                          "Location": "s3://strata-history/bank_transactions/",
                          "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                          "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                          "SerdeInfo": {
                            "SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                            "Parameters": {"serialization.format": "1"}
                          }
                        }
                      }
                    }
                    """)));
  }

  @Test
  void reportsConflictWhenTheTableExistsAlreadyOnCreate() {
    GLUE.stubFor(
        glue("CreateTable")
            .willReturn(error(400, "AlreadyExistsException", "Table already exists.")));

    assertThatThrownBy(() -> catalog.createTable(GlueFixtures.table()))
        .isExactlyInstanceOf(CatalogConflictException.class)
        .hasMessage("Cannot create table lake.bank_transactions: it exists already");
  }

  @Test
  void readsStoredTableWithItsVersionId() {
    // given
    GLUE.stubFor(
        glue("GetTable")
            .withRequestBody(
                equalToJson("{\"DatabaseName\":\"lake\",\"Name\":\"bank_transactions\"}"))
            .willReturn(ok(storedTable("7"))));

    // when / then
    assertThat(catalog.table("bank_transactions")).contains(GlueFixtures.table().withVersion("7"));
  }

  @Test
  void readsMissingTableAsEmpty() {
    GLUE.stubFor(
        glue("GetTable")
            .willReturn(
                error(400, "EntityNotFoundException", "Table bank_transactions not found.")));

    assertThat(catalog.table("bank_transactions")).isEmpty();
  }

  @Test
  void failsNamingTheTableWhenGlueRefusesARead() {
    GLUE.stubFor(
        glue("GetTable")
            .willReturn(
                error(400, "AccessDeniedException", "Insufficient Lake Formation permission")));

    assertThatThrownBy(() -> catalog.table("bank_transactions"))
        .isExactlyInstanceOf(CatalogException.class)
        .hasMessage(
            "Cannot read table lake.bank_transactions: AccessDeniedException: Insufficient Lake"
                + " Formation permission (HTTP 400)");
  }

  @Test
  void updatesTableOnlyAtTheVersionItWasRead() {
    // given
    GLUE.stubFor(glue("UpdateTable").willReturn(ok("{}")));

    // when
    catalog.updateTable(GlueFixtures.table().withVersion("3"));

    // then
    GLUE.verify(
        1,
        called("UpdateTable")
            .withRequestBody(
                equalToJson(
                    """
                    {"DatabaseName": "lake", "VersionId": "3", "SkipArchive": false,
                     "TableInput": {"Name": "bank_transactions", "TableType": "EXTERNAL_TABLE"}}
                    """,
                    false,
                    true))
            .withRequestBody(
                matchingJsonPath("$.TableInput.StorageDescriptor.Columns.length()", equalTo("3"))));
  }

  @Test
  void reportsConflictWhenTheTableChangedSinceItsVersionWasRead() {
    GLUE.stubFor(
        glue("UpdateTable")
            .willReturn(
                error(
                    400,
                    "ConcurrentModificationException",
                    "Update table failed due to concurrent modifications.")));

    assertThatThrownBy(() -> catalog.updateTable(GlueFixtures.table().withVersion("3")))
        .isExactlyInstanceOf(CatalogConflictException.class)
        .hasMessage(
            "Cannot update table lake.bank_transactions: it changed since version 3 was read");
  }

  @Test
  void registrarRereadsAfterConcurrentModificationAndUpdatesAtTheNewVersion() throws Exception {
    // given: Glue answers the first update with ConcurrentModificationException, as when another
    // writer updated the table between our GetTable and UpdateTable
    GLUE.stubFor(
        glue("GetTable")
            .inScenario("race")
            .whenScenarioStateIs(STARTED)
            .willReturn(ok(storedTable("7"))));
    GLUE.stubFor(
        glue("UpdateTable")
            .inScenario("race")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                error(
                    400,
                    "ConcurrentModificationException",
                    "Update table failed due to concurrent modifications."))
            .willSetStateTo("moved on"));
    GLUE.stubFor(
        glue("GetTable")
            .inScenario("race")
            .whenScenarioStateIs("moved on")
            .willReturn(ok(storedTable("8"))));
    GLUE.stubFor(
        glue("UpdateTable")
            .inScenario("race")
            .whenScenarioStateIs("moved on")
            .willReturn(ok("{}")));
    DatasetContract v3 =
        ContractLoader.parse(
            "bank_transactions.yaml",
            new ByteArrayInputStream(
                """
                name: bank_transactions
                version: 3
                format: csv
                columns:
                  - {name: transaction_id, type: string, required: true,
                     description: unique per source system}
                  - {name: amount, type: "decimal(18,2)", required: true}
                  - {name: booking_date, type: date, required: true}
                  - {name: note, type: string}
                partitions:
                  - {source: booking_date}
                """
                    .getBytes(StandardCharsets.UTF_8)));

    // when
    new CatalogRegistrar(
            catalog, "strata-history", new CatalogRetry(3, Duration.ZERO, Duration.ZERO))
        .ensureTable(v3);

    // then
    List<JsonNode> updates = bodies("UpdateTable");
    assertThat(updates).extracting(u -> u.get("VersionId").asText()).containsExactly("7", "8");
    assertThat(updates.get(1).at("/TableInput/StorageDescriptor/Columns"))
        .extracting(c -> c.get("Name").asText())
        .containsExactly(
            "transaction_id",
            "amount",
            "note",
            "_ingested_at",
            "_source_key",
            "_source_line",
            "_batch_id");
    assertThat(updates.get(1).at("/TableInput/Parameters/strata.contract_version").asText())
        .isEqualTo("3");
  }

  @Test
  void failsUpdateOfAMissingTableWithoutCallingItAConflict() {
    GLUE.stubFor(
        glue("UpdateTable")
            .willReturn(
                error(400, "EntityNotFoundException", "Table bank_transactions not found.")));

    assertThatThrownBy(() -> catalog.updateTable(GlueFixtures.table().withVersion("3")))
        .isExactlyInstanceOf(CatalogException.class)
        .hasMessage(
            "Cannot update table lake.bank_transactions: EntityNotFoundException: Table"
                + " bank_transactions not found. (HTTP 400)");
  }

  @Test
  void refusesToUpdateATableWhoseVersionWasNeverRead() {
    assertThatThrownBy(() -> catalog.updateTable(GlueFixtures.table()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot update table lake.bank_transactions: no stored version was read");
    GLUE.verify(0, called("UpdateTable"));
  }

  @Test
  void retriesThrottledRequestsWithTheSdkRetryStrategyUntilTheySucceed() {
    // given: throttled once as HTTP 429, once as Glue's 400 ThrottlingException, then accepted
    GLUE.stubFor(
        glue("CreateTable")
            .inScenario("throttled")
            .whenScenarioStateIs(STARTED)
            .willReturn(error(429, "ThrottlingException", "Rate exceeded"))
            .willSetStateTo("throttled once"));
    GLUE.stubFor(
        glue("CreateTable")
            .inScenario("throttled")
            .whenScenarioStateIs("throttled once")
            .willReturn(error(400, "ThrottlingException", "Rate exceeded"))
            .willSetStateTo("throttled twice"));
    GLUE.stubFor(
        glue("CreateTable")
            .inScenario("throttled")
            .whenScenarioStateIs("throttled twice")
            .willReturn(ok("{}")));

    // when
    catalog.createTable(GlueFixtures.table());

    // then
    GLUE.verify(3, called("CreateTable"));
  }

  @Test
  void failsLoudlyWhenThrottlingOutlastsEveryTry() {
    GLUE.stubFor(
        glue("CreateTable").willReturn(error(400, "ThrottlingException", "Rate exceeded")));

    assertThatThrownBy(() -> catalog.createTable(GlueFixtures.table()))
        .isExactlyInstanceOf(CatalogException.class)
        .hasMessage(
            "Cannot create table lake.bank_transactions: ThrottlingException: Rate exceeded (HTTP"
                + " 400)");
    GLUE.verify(3, called("CreateTable"));
  }

  @Test
  void registers250PartitionsInChunksOf100And100And50() throws Exception {
    // given
    GLUE.stubFor(glue("BatchCreatePartition").willReturn(ok("{\"Errors\":[]}")));
    List<CatalogPartition> partitions =
        IntStream.range(0, 250)
            .mapToObj(i -> GlueFixtures.partition(LocalDate.of(2024, 1, 1).plusDays(i).toString()))
            .toList();

    // when
    catalog.addPartitions(GlueFixtures.table(), partitions);

    // then
    List<JsonNode> bodies = bodies("BatchCreatePartition");
    assertThat(bodies).hasSize(3);
    assertThat(bodies)
        .extracting(b -> b.get("PartitionInputList").size())
        .containsExactly(100, 100, 50);
    assertThat(bodies)
        .allSatisfy(
            b -> {
              assertThat(b.get("DatabaseName").asText()).isEqualTo("lake");
              assertThat(b.get("TableName").asText()).isEqualTo("bank_transactions");
            });
    assertThat(bodies.stream().flatMap(b -> values(b).stream()).toList())
        .containsExactlyElementsOf(partitions.stream().map(p -> p.values().get(0)).toList());
    JsonNode first = bodies.get(0).get("PartitionInputList").get(0);
    assertThat(first.at("/StorageDescriptor/Location").asText())
        .isEqualTo("s3://strata-history/bank_transactions/booking_date=2024-01-01/");
    assertThat(first.at("/StorageDescriptor/Columns").size()).isEqualTo(3);
    assertThat(first.at("/StorageDescriptor/SerdeInfo/SerializationLibrary").asText())
        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
  }

  @Test
  void countsExistingPartitionsAsRegisteredAndRetriesOnlyTheOnesThatFailed() throws Exception {
    // given: 03-01 exists already, 03-02 fails once inside an accepted answer
    GLUE.stubFor(
        glue("BatchCreatePartition")
            .inScenario("partial")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                ok(
                    errors(
                        partitionError("2024-03-01", "AlreadyExistsException", "Partition exists."),
                        partitionError(
                            "2024-03-02", "InternalServiceException", "Internal service error"))))
            .willSetStateTo("retried"));
    GLUE.stubFor(
        glue("BatchCreatePartition")
            .inScenario("partial")
            .whenScenarioStateIs("retried")
            .willReturn(ok("{\"Errors\":[]}")));

    // when
    catalog.addPartitions(
        GlueFixtures.table(),
        List.of(
            GlueFixtures.partition("2024-03-01"),
            GlueFixtures.partition("2024-03-02"),
            GlueFixtures.partition("2024-03-03")));

    // then
    List<JsonNode> bodies = bodies("BatchCreatePartition");
    assertThat(bodies)
        .extracting(GlueCatalogTest::values)
        .containsExactly(List.of("2024-03-01", "2024-03-02", "2024-03-03"), List.of("2024-03-02"));
  }

  @Test
  void failsNamingThePartitionsAndErrorCodesWhenPartitionErrorsPersist() throws Exception {
    // given
    GLUE.stubFor(
        glue("BatchCreatePartition")
            .willReturn(
                ok(
                    errors(
                        partitionError("2024-03-01", "AlreadyExistsException", "Partition exists."),
                        partitionError(
                            "2024-03-02", "InternalServiceException", "Internal service error"),
                        partitionError(
                            "2024-03-03", "ResourceNumberLimitExceededException", "Too many")))));

    // when / then
    assertThatThrownBy(
            () ->
                catalog.addPartitions(
                    GlueFixtures.table(),
                    List.of(
                        GlueFixtures.partition("2024-03-01"),
                        GlueFixtures.partition("2024-03-02"),
                        GlueFixtures.partition("2024-03-03"))))
        .isExactlyInstanceOf(CatalogException.class)
        .hasMessage(
            "Cannot register partitions of table lake.bank_transactions: 2 of 3 still failed after"
                + " 3 tries: booking_date=2024-03-02 InternalServiceException: Internal service"
                + " error; booking_date=2024-03-03 ResourceNumberLimitExceededException: Too many");
    assertThat(bodies("BatchCreatePartition"))
        .extracting(GlueCatalogTest::values)
        .containsExactly(
            List.of("2024-03-01", "2024-03-02", "2024-03-03"),
            List.of("2024-03-02", "2024-03-03"),
            List.of("2024-03-02", "2024-03-03"));
  }

  @Test
  void failsNamingTheTableWhenGlueRefusesTheWholeBatch() {
    GLUE.stubFor(
        glue("BatchCreatePartition")
            .willReturn(
                error(400, "EntityNotFoundException", "Table bank_transactions not found.")));

    assertThatThrownBy(
            () ->
                catalog.addPartitions(
                    GlueFixtures.table(), List.of(GlueFixtures.partition("2024-03-01"))))
        .isExactlyInstanceOf(CatalogException.class)
        .hasMessage(
            "Cannot register partitions of table lake.bank_transactions: EntityNotFoundException:"
                + " Table bank_transactions not found. (HTTP 400)");
  }

  @Test
  void listsPartitionsAcrossEveryPage() {
    // given
    GLUE.stubFor(
        glue("GetPartitions")
            .atPriority(5)
            .willReturn(ok(page("\"NextToken\": \"page-2\",", "2024-03-01", "2024-03-02"))));
    GLUE.stubFor(
        glue("GetPartitions")
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.NextToken", equalTo("page-2")))
            .willReturn(ok(page("", "2024-03-03"))));

    // when
    List<CatalogPartition> partitions = catalog.partitions("bank_transactions");

    // then
    assertThat(partitions)
        .containsExactly(
            GlueFixtures.partition("2024-03-01"),
            GlueFixtures.partition("2024-03-02"),
            GlueFixtures.partition("2024-03-03"));
    GLUE.verify(
        2,
        called("GetPartitions")
            .withRequestBody(matchingJsonPath("$.TableName", equalTo("bank_transactions")))
            .withRequestBody(matchingJsonPath("$.ExcludeColumnSchema", equalTo("true"))));
  }

  @Test
  void listsNoPartitionsOfATableThatDoesNotExistYet() {
    // given: a dataset with a contract but no ingest yet
    GLUE.stubFor(
        glue("GetPartitions")
            .willReturn(
                error(400, "EntityNotFoundException", "Table bank_transactions not found.")));

    // when
    List<CatalogPartition> partitions = catalog.partitions("bank_transactions");

    // then
    assertThat(partitions).isEmpty();
    GLUE.verify(1, called("GetPartitions"));
  }

  @Test
  void failsNamingTheTableWhenGlueRefusesToListPartitions() {
    GLUE.stubFor(
        glue("GetPartitions")
            .willReturn(
                error(400, "AccessDeniedException", "Insufficient Lake Formation permission")));

    assertThatThrownBy(() -> catalog.partitions("bank_transactions"))
        .isExactlyInstanceOf(CatalogException.class)
        .hasMessage(
            "Cannot list partitions of table lake.bank_transactions: AccessDeniedException:"
                + " Insufficient Lake Formation permission (HTTP 400)");
  }

  /** GetTable's answer for the fixture table, stored at {@code version}. */
  private static String storedTable(String version) {
    return """
        {"Table": {
          "Name": "bank_transactions", "DatabaseName": "lake", "VersionId": "%s",
          "Description": "Card and transfer transactions", "TableType": "EXTERNAL_TABLE",
          "Parameters": {"classification": "parquet", "EXTERNAL": "TRUE",
                         "strata.contract_version": "2"},
          "PartitionKeys": [{"Name": "booking_date", "Type": "date",
                             "Comment": "UTC day of booked_at"}],
          "StorageDescriptor": {
            "Columns": [
              {"Name": "transaction_id", "Type": "string",
               "Comment": "unique per source system"},
              {"Name": "amount", "Type": "decimal(18,2)"},
              {"Name": "_batch_id", "Type": "string", "Comment": "batch that wrote the row"}
            ],
            "Location": "s3://strata-history/bank_transactions/"
          }
        }}
        """
        .formatted(version);
  }

  /** A client built as the producer builds it, with the same strategy but millisecond backoff. */
  private static GlueClient client(int maxAttempts) {
    BackoffStrategy fast =
        BackoffStrategy.exponentialDelay(Duration.ofMillis(1), Duration.ofMillis(10));
    RetryStrategy retry =
        GlueWiring.retryStrategy(maxAttempts).toBuilder()
            .backoffStrategy(fast)
            .throttlingBackoffStrategy(fast)
            .build();
    return GlueWiring.glueClientBuilder(Optional.of(URI.create(GLUE.baseUrl())), retry)
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  private static MappingBuilder glue(String operation) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue." + operation));
  }

  private static RequestPatternBuilder called(String operation) {
    return postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AWSGlue." + operation));
  }

  private static ResponseDefinitionBuilder ok(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(body);
  }

  private static ResponseDefinitionBuilder error(int status, String type, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-ErrorType", type)
        .withBody("{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
  }

  private static String errors(String... errors) {
    return "{\"Errors\":[" + String.join(",", errors) + "]}";
  }

  private static String partitionError(String day, String code, String message) {
    return "{\"PartitionValues\":[\""
        + day
        + "\"],\"ErrorDetail\":{\"ErrorCode\":\""
        + code
        + "\",\"ErrorMessage\":\""
        + message
        + "\"}}";
  }

  private static String page(String nextToken, String... days) {
    List<String> partitions = new ArrayList<>();
    for (String day : days) {
      partitions.add(
          "{\"Values\":[\""
              + day
              + "\"],\"DatabaseName\":\"lake\",\"TableName\":\"bank_transactions\","
              + "\"StorageDescriptor\":{\"Location\":\""
              + GlueFixtures.LOCATION
              + "booking_date="
              + day
              + "/\"}}");
    }
    return "{" + nextToken + "\"Partitions\":[" + String.join(",", partitions) + "]}";
  }

  /** The request bodies of an operation, oldest first. */
  private static List<JsonNode> bodies(String operation) throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    for (LoggedRequest request : GLUE.findAll(called(operation))) {
      bodies.add(JSON.readTree(request.getBodyAsString()));
    }
    return bodies;
  }

  /** The first partition value of each partition input in a BatchCreatePartition body. */
  private static List<String> values(JsonNode body) {
    List<String> values = new ArrayList<>();
    body.get("PartitionInputList").forEach(p -> values.add(p.get("Values").get(0).asText()));
    return values;
  }
}
