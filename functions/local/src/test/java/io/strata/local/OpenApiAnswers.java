package io.strata.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds real answers of the local lake against the OpenAPI document it serves (JSON Schema 2020-12
 * with OpenAPI 3.1's vocabulary) and remembers which documented responses were seen.
 */
final class OpenApiAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode document;
  private final JsonSchemaFactory schemas;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> seen = new TreeSet<>();

  OpenApiAnswers(JsonNode document) {
    this.document = document;
    this.schemas =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder ->
                builder
                    .metaSchema(OpenApi31.getInstance())
                    .defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));
  }

  /** The answer's query id, if it has one. */
  String check(String path, String method, Response answer) throws Exception {
    String status = Integer.toString(answer.statusCode());
    String where = method.toUpperCase() + " " + path + " " + status;
    JsonNode operation = document.path("paths").path(path).path(method);
    JsonNode response = operation.path("responses").path(status);
    if (response.isMissingNode()) {
      problems.add(where + " is not documented (answer: " + cut(answer.asString()) + ")");
      return null;
    }
    seen.add(method + " " + path + " " + status);
    JsonNode schema = response.at("/content/application~1json/schema");
    JsonNode body = JSON.readTree(answer.asString());
    if (schema.isMissingNode()) {
      problems.add(where + " has no JSON schema");
      return null;
    }
    ObjectNode root = JSON.createObjectNode();
    root.set("components", document.get("components"));
    root.set("allOf", JSON.createArrayNode().add(schema));
    JsonSchema validator = schemas.getSchema(root);
    Set<ValidationMessage> errors = validator.validate(body);
    for (ValidationMessage error : errors) {
      problems.add(where + ": " + error.getMessage() + " in " + cut(body.toString()));
    }
    return body.path("queryId").asText(null);
  }

  /**
   * Documented statuses no answer showed (on any route: every route documents the HTTP layer's
   * statuses), and routes whose success was never seen.
   *
   * @param notProducible statuses the lake cannot be made to give on demand, left out
   */
  List<String> unexercised(Set<String> notProducible) {
    Set<String> documented = new TreeSet<>();
    Set<String> seenStatuses = new TreeSet<>();
    seen.forEach(key -> seenStatuses.add(key.substring(key.lastIndexOf(' ') + 1)));
    List<String> missing = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
      while (methods.hasNext()) {
        Map.Entry<String, JsonNode> method = methods.next();
        method.getValue().path("responses").fieldNames().forEachRemaining(documented::add);
        if (!seen.contains(method.getKey() + " " + path.getKey() + " 200")) {
          missing.add(method.getKey() + " " + path.getKey() + " 200");
        }
      }
    }
    documented.removeAll(seenStatuses);
    documented.removeAll(notProducible);
    missing.addAll(documented);
    return missing;
  }

  private static String cut(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  /** What did not match the document, one line each. */
  List<String> problems() {
    return problems;
  }
}
