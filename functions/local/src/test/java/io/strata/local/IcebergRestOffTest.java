package io.strata.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Without {@code --iceberg-rest} the lake serves no Iceberg REST catalog at all. */
@QuarkusTest
@TestProfile(TemporaryLakeProfile.class)
class IcebergRestOffTest {

  @Test
  void everyRouteIsAnUnknownRouteWhileTheEndpointIsOff() {
    for (String path :
        new String[] {
          "/iceberg/v1/config",
          "/iceberg/v1/namespaces",
          "/iceberg/v1/namespaces/strata/tables",
          "/iceberg/v1/namespaces/strata/tables/bank_transactions"
        }) {
      given()
          .get(path)
          .then()
          .statusCode(404)
          .body("error.code", equalTo("not_found"))
          .body(
              "error.message",
              equalTo("No such route: see the API's routes in the README or /q/openapi"));
    }
    given()
        .body("{\"requirements\": [], \"updates\": []}")
        .post("/iceberg/v1/namespaces/strata/tables/bank_transactions")
        .then()
        .statusCode(404)
        .body("error.code", equalTo("not_found"));
  }
}
