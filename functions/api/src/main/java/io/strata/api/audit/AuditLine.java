package io.strata.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One audit record as the single JSON object it is written as. Every string is a JSON string value
 * with everything outside printable ASCII escaped ({@code \n}, {@code \}{@code u2028}, {@code
 * \}{@code u202e}, …), so no caller-supplied text can end the line, start another or reorder what a
 * reader sees; long values and lists are cut, so a line stays small whatever a request held.
 *
 * @param time when the answer was sent, ISO-8601 in UTC
 * @param columns output columns; filters as {@code column op ?}, never their values
 */
// Written by Jackson through reflection, also in a native image.
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditLine(
    String type,
    String time,
    String principal,
    String role,
    String route,
    String dataset,
    String report,
    List<String> columns,
    List<String> filters,
    String queryId,
    int status,
    String outcome,
    Long bytesScanned,
    long durationMs) {

  /** The longest string value kept; longer ones end in "…". */
  static final int MAX_TEXT = 256;

  /** The most list entries kept; longer lists end with "… N more". */
  static final int MAX_ENTRIES = 64;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  AuditLine {
    type = "audit";
    principal = cut(principal);
    role = cut(role);
    route = cut(route);
    dataset = cut(dataset);
    report = cut(report);
    columns = cut(columns);
    filters = cut(filters);
    queryId = cut(queryId);
    outcome = cut(outcome);
  }

  /** The line: one JSON object, printable ASCII only. */
  String json() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write audit line", e);
    }
  }

  /** The fields as flat strings, for the structured log's MDC. */
  Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("principal", principal);
    fields.put("role", role);
    fields.put("route", route);
    fields.put("dataset", dataset);
    fields.put("report", report);
    fields.put("columns", columns == null ? null : String.join(",", columns));
    fields.put("filters", filters == null ? null : String.join(" and ", filters));
    fields.put("queryId", queryId);
    fields.put("status", Integer.toString(status));
    fields.put("outcome", outcome);
    fields.put("bytesScanned", bytesScanned == null ? null : Long.toString(bytesScanned));
    fields.put("durationMs", Long.toString(durationMs));
    fields.values().removeIf(v -> v == null);
    return fields;
  }

  private static String cut(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
  }

  private static List<String> cut(List<String> list) {
    if (list == null || list.isEmpty()) {
      return null;
    }
    List<String> kept = new ArrayList<>();
    for (String entry : list.subList(0, Math.min(list.size(), MAX_ENTRIES))) {
      kept.add(cut(entry));
    }
    if (list.size() > MAX_ENTRIES) {
      kept.add("… " + (list.size() - MAX_ENTRIES) + " more");
    }
    return List.copyOf(kept);
  }
}
