package io.strata.core.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the API needs to know about a query it started, carried in a leading comment of the SQL text
 * itself. The engine keeps the text with the query (Athena returns it from GetQueryExecution), so
 * {@code GET /queries/{id}} can check who started the query and how to present it without a
 * database of its own. Every field is written by the API from contracts and the caller's identity,
 * never from request values.
 *
 * @param kind {@code query}, {@code report} or {@code export}
 * @param owner the IAM principal (role or user ARN) that started the query
 * @param columns the output columns the API chose (for an export's manifest)
 * @param masked output columns shown masked to the owner's role
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueryLabel(
    String kind,
    String owner,
    String role,
    String dataset,
    String report,
    String view,
    String asOf,
    Integer contractVersion,
    String exportId,
    List<String> columns,
    List<String> masked) {

  private static final String START = "/* strata:";
  private static final String END = " */";
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public QueryLabel {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(owner, "owner");
    columns = columns == null ? List.of() : List.copyOf(columns);
    masked = masked == null ? List.of() : List.copyOf(masked);
  }

  /** The statement with this label as its first line. */
  public SqlStatement applyTo(SqlStatement statement) {
    String json;
    try {
      json = JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write query label", e);
    }
    if (json.contains("*/") || json.contains("\n") || json.contains("?")) {
      throw new IllegalStateException("Cannot write query label: it would end the comment early");
    }
    return new SqlStatement(START + json + END + "\n" + statement.sql(), statement.parameters());
  }

  /** The label at the start of a statement's text, if the API wrote one. */
  public static Optional<QueryLabel> of(String sql) {
    if (sql == null || !sql.startsWith(START)) {
      return Optional.empty();
    }
    int end = sql.indexOf(END + "\n", START.length());
    if (end < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(sql.substring(START.length(), end), QueryLabel.class));
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
