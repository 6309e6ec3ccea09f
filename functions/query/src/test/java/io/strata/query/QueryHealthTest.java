package io.strata.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The query Lambda answers a health event: its rules, read from the repository, all load. */
@QuarkusTest
@WithTestResource(QueryLakeResource.class)
class QueryHealthTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readinessSaysEveryRuleFileLoads() throws Exception {
    ObjectNode event =
        (ObjectNode) JSON.readTree(Path.of("../../events/api-list-datasets-analyst.json").toFile());
    event.put("rawPath", "/q/health/ready").put("routeKey", "GET /q/health/ready");
    ((ObjectNode) event.at("/requestContext/http")).put("path", "/q/health/ready");

    String answer =
        given()
            .contentType(ContentType.JSON)
            .body(event.toString())
            .post("/_lambda_")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    JsonNode response = JSON.readTree(answer);
    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    String body = response.get("body").asText();
    if (response.path("isBase64Encoded").asBoolean()) {
      body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
    }
    JsonNode rules = JSON.readTree(body).at("/checks/0");
    assertThat(rules.get("name").asText()).isEqualTo("strata-rules");
    assertThat(rules.get("status").asText()).isEqualTo("UP");
    assertThat(rules.at("/data/access.yaml").asText()).startsWith("in force, loaded at ");
    assertThat(rules.at("/data/contracts").asText()).isEqualTo("2 valid");
  }
}
