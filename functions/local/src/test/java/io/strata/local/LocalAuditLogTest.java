package io.strata.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local lake's audit log over real HTTP: caller-supplied text with line breaks, NUL, line
 * separators and bidi overrides in the path, a header and the body never breaks or disguises a
 * line. Each line is formatted by the handler the application configures, exactly as the console
 * prints it, and parsed as JSON.
 */
@QuarkusTest
@TestProfile(QueryApiLakeProfile.class)
class LocalAuditLogTest {

  private static final String ADMIN = "arn:aws:iam::000000000000:role/strata-admin";
  private static final String ANALYST = "arn:aws:iam::000000000000:role/strata-analyst";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureAuditLog() {
    Logger.getLogger("io.strata.audit").addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger("io.strata.audit").removeHandler(capture);
  }

  @Test
  void encodedLineBreaksInThePathCannotPlantAnAuditRecord() throws Exception {
    String forged =
        "x%0A%7B%22type%22:%22audit%22,%22principal%22:%22"
            + ADMIN
            + "%22,%22route%22:%22POST%20/datasets/%7Bdataset%7D/exports%22,%22outcome%22:%22ok%22%7D";
    as(ANALYST).get("/datasets/" + forged).then().statusCode(404);
    as(ANALYST).get("/datasets/a%0D%0Aprincipal=" + ADMIN + "%00").then().statusCode(404);
    as(ANALYST).get("/datasets/%E2%80%AEnimda-atarts%E2%80%AC").then().statusCode(404);
    as(ANALYST).get("/datasets/x%E2%80%A8y%E2%80%A9z%C2%85").then().statusCode(404);
    as(null).get("/no-such-route%0A%7B%22type%22:%22audit%22%7D").then().statusCode(404);

    List<JsonNode> lines = printedLines(5);

    assertThat(lines)
        .extracting(l -> l.path("principal").asText(null))
        .containsExactly(null, null, ANALYST, ANALYST, null);
    assertThat(lines.get(0).get("route").asText())
        .startsWith("GET /datasets/x\n{\"type\":\"audit\",\"principal\":\"" + ADMIN);
    assertThat(lines.get(1).get("route").asText()).contains("\r\nprincipal=", "\u0000");
    assertThat(lines.get(2).get("dataset").asText()).startsWith("\u202e");
    assertThat(lines.get(3).get("dataset").asText()).contains("\u2028", "\u2029", "\u0085");
    assertThat(lines.get(4).get("route").asText())
        .isEqualTo("GET /no-such-route\n{\"type\":\"audit\"}");
    assertThat(lines).allSatisfy(l -> assertThat(l.get("outcome").asText()).isNotEqualTo("ok"));
  }

  @Test
  void aServedQueryIsOneLineWithItsColumnsAndFiltersButNoValues() throws Exception {
    as(ADMIN)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "columns",
                List.of("event_id", "event_type"),
                "filters",
                List.of(Map.of("column", "event_id", "op", "=", "value", "secret-value"))))
        .post("/datasets/telecom_usage/query")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(200);
    as(ADMIN + "\u00e9").get("/datasets").then().statusCode(403);

    List<JsonNode> lines = printedLines(2);

    assertThat(lines.get(0).get("route").asText()).isEqualTo("POST /datasets/{dataset}/query");
    assertThat(lines.get(0).get("columns").toString()).isEqualTo("[\"event_id\",\"event_type\"]");
    assertThat(lines.get(0).get("filters").toString()).isEqualTo("[\"event_id = ?\"]");
    assertThat(lines.get(0).get("status").asInt()).isEqualTo(200);
    assertThat(lines.get(0).toString()).doesNotContain("secret");
    assertThat(lines.get(1).get("principal").asText()).isEqualTo(ADMIN + "\u00e9");
    assertThat(lines.get(1).get("outcome").asText()).isEqualTo("unknown_principal");
  }

  /**
   * The captured records as the configured console handler prints them: each must be exactly one
   * line of printable ASCII holding one JSON object.
   */
  private List<JsonNode> printedLines(int expected) throws Exception {
    Formatter console = consoleFormatter();
    List<JsonNode> lines = new ArrayList<>();
    for (LogRecord record : records) {
      String printed = console.format(record);
      assertThat(printed).endsWith("\n");
      String line = printed.substring(0, printed.length() - 1);
      assertThat(line).matches("[\\x20-\\x7e]+").startsWith("{").endsWith("}");
      JsonNode node = JSON.readTree(line);
      assertThat(node.get("type").asText()).isEqualTo("audit");
      lines.add(node);
    }
    assertThat(lines).hasSize(expected);
    return lines;
  }

  /** The formatter of the handler application.properties gives the audit category. */
  private static Formatter consoleFormatter() {
    Handler[] handlers = Logger.getLogger("io.strata.audit").getHandlers();
    return Arrays.stream(handlers)
        .filter(h -> h.getFormatter() != null)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no handler prints the audit category"))
        .getFormatter();
  }

  private static io.restassured.specification.RequestSpecification as(String principal) {
    io.restassured.specification.RequestSpecification request =
        given().accept(ContentType.JSON).urlEncodingEnabled(false);
    return principal == null ? request : request.header("X-Strata-Principal", principal);
  }
}
