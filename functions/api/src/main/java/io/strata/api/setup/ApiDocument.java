package io.strata.api.setup;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.strata.core.query.Operator;
import io.strata.core.query.QueryState;
import io.strata.core.query.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the OpenAPI document generated from the resources with what annotations cannot say once
 * for every route: the error schema and every error status a route can answer, enumerations taken
 * from the code (operators, views, states), values of any JSON type where the API takes or gives
 * them, and which fields may be null. The security scheme is the hosting app's.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiDocument implements OASFilter {

  /** The name of the error schema in {@code #/components/schemas}. */
  public static final String ERROR = "Error";

  /** Any route answers 503 when a rule file it needs does not load: the rules' own codes. */
  private static final String RULE_CODES =
      "contract_invalid (the dataset's contract), report_invalid (the report),"
          + " access_policy_invalid (no access.yaml ever loaded); the message names file, field"
          + " and reason";

  private static final Map<String, String> COMMON_ERRORS = new LinkedHashMap<>();
  private static final Map<String, String> QUERY_ERRORS = new LinkedHashMap<>();

  static {
    COMMON_ERRORS.put("400", "Bad request: a malformed or wrongly structured body, a bad value");
    COMMON_ERRORS.put("403", "No identity, no role, or the role may not do this");
    COMMON_ERRORS.put("404", "No such dataset, report, query or route");
    COMMON_ERRORS.put("405", "The route does not take that method");
    COMMON_ERRORS.put("406", "The caller does not accept JSON");
    COMMON_ERRORS.put("413", "The body is larger than strata.http.max-body-bytes");
    COMMON_ERRORS.put("414", "The URI is longer than strata.http.max-uri-length");
    COMMON_ERRORS.put("431", "The headers are larger than strata.http.max-header-bytes");
    COMMON_ERRORS.put("500", "Internal error, with an incident id for the operators");
    COMMON_ERRORS.put("503", "A rule file the request needs does not load: " + RULE_CODES);
    QUERY_ERRORS.put("409", "The query has not finished, or the dataset has no history yet");
    QUERY_ERRORS.put("415", "The body is not application/json");
    QUERY_ERRORS.put("422", "The Idempotency-Key was used before for a different request");
    QUERY_ERRORS.put(
        "429", "Too many unfinished queries of this caller, or the engine throttles; Retry-After");
    QUERY_ERRORS.put("502", "The query engine failed the query; an incident id for the operators");
    QUERY_ERRORS.put(
        "503",
        "The query engine cannot be reached (engine_unavailable; Retry-After), or a rule file"
            + " the request needs does not load: "
            + RULE_CODES);
  }

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI.getComponents().addSchema(ERROR, errorSchema());
    Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
    enumerate(
        schemas, "FilterRequest", "op", Operator.apiOperators().stream().map(Operator::symbol));
    enumerate(schemas, "QueryRequest", "view", Arrays.stream(View.values()).map(View::apiName));
    enumerate(schemas, "SortRequest", "direction", java.util.stream.Stream.of("asc", "desc"));
    enumerate(schemas, "QueryAnswer", "state", Arrays.stream(QueryState.values()).map(Enum::name));
    enumerate(
        schemas, "QueryAnswer", "kind", java.util.stream.Stream.of("query", "report", "export"));
    enumerate(
        schemas,
        "VisibleColumn",
        "kind",
        java.util.stream.Stream.of("column", "partition", "lineage"));
    anyValue(schemas, "FilterRequest", "value");
    anyValues(schemas, "FilterRequest", "values");
    anyValue(schemas, "Parameter", "defaultValue");
    anyMap(schemas, "RunReport", "parameters");
    rowsOfAnyValues(schemas);
    nullable(schemas, "DatasetSummary", "lastIngest", "description");
    nullable(schemas, "DatasetDetail", "partitionCount", "description");
    nullable(schemas, "ReportSummary", "description");
    nullable(schemas, "ExportManifest", "rowCount", "view", "queryId", "role", "principal");
    nullable(schemas, "BatchSummary", "source", "rowsAccepted", "rowsRejected");
    if (openAPI.getPaths() != null) {
      openAPI.getPaths().getPathItems().forEach(this::addErrors);
    }
    // The hosting app names its scheme (quarkus.smallrye-openapi.security-scheme-name); every
    // route needs it, so the whole document requires it.
    ConfigProvider.getConfig()
        .getOptionalValue("quarkus.smallrye-openapi.security-scheme-name", String.class)
        .ifPresent(
            scheme ->
                openAPI.setSecurity(
                    List.of(OASFactory.createSecurityRequirement().addScheme(scheme))));
  }

  private void addErrors(String path, PathItem item) {
    item.getOperations()
        .forEach(
            (method, operation) -> {
              boolean runsQueries =
                  method == PathItem.HttpMethod.POST || path.startsWith("/queries");
              Map<String, String> errors = new LinkedHashMap<>(COMMON_ERRORS);
              if (runsQueries) {
                errors.putAll(QUERY_ERRORS);
              }
              errors.forEach((status, text) -> addError(operation, status, text));
            });
  }

  private static void addError(Operation operation, String status, String description) {
    if (operation.getResponses() == null) {
      operation.setResponses(OASFactory.createAPIResponses());
    }
    APIResponses responses = operation.getResponses();
    APIResponse response = responses.getAPIResponse(status);
    if (response == null) {
      response = OASFactory.createAPIResponse().description(description);
      responses.addAPIResponse(status, response);
    }
    response.content(
        OASFactory.createContent()
            .addMediaType(
                "application/json",
                OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref("#/components/schemas/" + ERROR))));
  }

  /** {@code {"error": {"code", "message", "status"}}}, every field required. */
  private static Schema errorSchema() {
    Schema error =
        OASFactory.createSchema()
            .addType(SchemaType.OBJECT)
            .addProperty(
                "code",
                OASFactory.createSchema()
                    .addType(SchemaType.STRING)
                    .description("Stable, documented code, e.g. bad_value or too_many_filters"))
            .addProperty(
                "message",
                OASFactory.createSchema()
                    .addType(SchemaType.STRING)
                    .description("What was wrong, for a person; never a stack trace"))
            .addProperty(
                "status",
                OASFactory.createSchema()
                    .addType(SchemaType.INTEGER)
                    .description("The HTTP status, repeated"))
            .required(List.of("code", "message", "status"));
    return OASFactory.createSchema()
        .addType(SchemaType.OBJECT)
        .description("The one shape of every error answer")
        .addProperty("error", error)
        .required(List.of("error"));
  }

  private static void enumerate(
      Map<String, Schema> schemas,
      String schema,
      String property,
      java.util.stream.Stream<String> values) {
    property(schemas, schema, property)
        .ifPresent(p -> p.enumeration(new ArrayList<>(values.toList())));
  }

  /** A property that takes any JSON value: the schema says nothing about its type. */
  private static void anyValue(Map<String, Schema> schemas, String schema, String property) {
    Schema owner = schemas.get(schema);
    if (owner != null && owner.getProperties() != null) {
      owner.addProperty(
          property, OASFactory.createSchema().description(description(owner, property)));
    }
  }

  private static void anyValues(Map<String, Schema> schemas, String schema, String property) {
    Schema owner = schemas.get(schema);
    if (owner != null && owner.getProperties() != null) {
      owner.addProperty(
          property,
          OASFactory.createSchema()
              .addType(SchemaType.ARRAY)
              .items(OASFactory.createSchema())
              .description(description(owner, property)));
    }
  }

  private static void anyMap(Map<String, Schema> schemas, String schema, String property) {
    Schema owner = schemas.get(schema);
    if (owner != null && owner.getProperties() != null) {
      owner.addProperty(
          property,
          OASFactory.createSchema()
              .addType(SchemaType.OBJECT)
              .additionalPropertiesSchema(OASFactory.createSchema())
              .description(description(owner, property)));
    }
  }

  /** Rows are objects of any column values; masked columns are strings. */
  private static void rowsOfAnyValues(Map<String, Schema> schemas) {
    Schema answer = schemas.get("QueryAnswer");
    if (answer != null && answer.getProperties() != null) {
      answer.addProperty(
          "rows",
          OASFactory.createSchema()
              .addType(SchemaType.ARRAY)
              .description("One object per row, keyed by column name; values typed by column")
              .items(
                  OASFactory.createSchema()
                      .addType(SchemaType.OBJECT)
                      .additionalPropertiesSchema(OASFactory.createSchema())));
    }
  }

  /** Fields the API writes as JSON null when they do not apply. */
  private static void nullable(Map<String, Schema> schemas, String schema, String... properties) {
    for (String property : properties) {
      property(schemas, schema, property)
          .ifPresent(
              p -> {
                if (p.getRef() != null) {
                  Schema ref = OASFactory.createSchema().ref(p.getRef());
                  p.setRef(null);
                  p.anyOf(List.of(ref, OASFactory.createSchema().addType(SchemaType.NULL)));
                } else if (p.getType() != null && !p.getType().contains(SchemaType.NULL)) {
                  p.addType(SchemaType.NULL);
                }
              });
    }
  }

  private static java.util.Optional<Schema> property(
      Map<String, Schema> schemas, String schema, String property) {
    Schema owner = schemas == null ? null : schemas.get(schema);
    if (owner == null || owner.getProperties() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(owner.getProperties().get(property));
  }

  private static String description(Schema owner, String property) {
    Schema existing = owner.getProperties().get(property);
    return existing == null ? null : existing.getDescription();
  }
}
