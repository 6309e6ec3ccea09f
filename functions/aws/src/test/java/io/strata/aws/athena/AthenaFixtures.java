package io.strata.aws.athena;

import java.util.ArrayList;
import java.util.List;

/** Athena's JSON answers, as small builders of the documents the SDK parses. */
final class AthenaFixtures {

  /** 2024-01-14T08:30:00Z in the epoch seconds that Athena's JSON protocol sends. */
  static final String SUBMITTED = "1705221000.123";

  /** Four seconds later. */
  static final String COMPLETED = "1705221004.5";

  /** The statement text of {@link #execution(String, String, String, long)}. */
  static final String SELECT =
      "SELECT \"iban\" FROM \"lake\".\"bank_transactions\" WHERE \"amount\" > ?";

  /** An export as the API starts it: its label comment, then the UNLOAD. */
  static final String UNLOAD =
      "/* strata:{\"kind\":\"export\",\"owner\":\"arn:aws:iam::123456789012:role/ds\"} */\n"
          + "unload (SELECT \"iban\" FROM \"lake\".\"bank_transactions\")"
          + " TO 's3://strata-analytics/exports/bank_transactions/e-1/data/'"
          + " WITH (format = 'PARQUET', compression = 'SNAPPY')";

  private AthenaFixtures() {}

  /** A GetQueryExecution answer for {@link #SELECT}; {@code extraStatus} is added to Status. */
  static String execution(String queryId, String state, String extraStatus, long scanned) {
    return execution(queryId, SELECT, state, extraStatus, scanned);
  }

  /** A GetQueryExecution answer for a DML statement with this text. */
  static String execution(
      String queryId, String query, String state, String extraStatus, long scanned) {
    return """
        {"QueryExecution": {
          "QueryExecutionId": "%s",
          "Query": "%s",
          "StatementType": "DML",
          "WorkGroup": "strata",
          "Status": {"State": "%s", "SubmissionDateTime": %s%s},
          "Statistics": {"DataScannedInBytes": %d, "TotalExecutionTimeInMillis": 4377}
        }}
        """
        .formatted(
            queryId,
            query.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"),
            state,
            SUBMITTED,
            extraStatus,
            scanned);
  }

  /** The GetQueryResults answer for an UNLOAD: no rows, the rows it wrote as UpdateCount. */
  static String updateCount(long rows) {
    return """
        {"UpdateCount": %d, "ResultSet": {"Rows": [], "ResultSetMetadata": {"ColumnInfo": []}}}
        """
        .formatted(rows);
  }

  /** A column as Athena describes it: name, label, type, precision and scale. */
  static String column(String name, String type, int precision, int scale) {
    return """
        {"CatalogName": "hive", "SchemaName": "", "TableName": "", "Name": "%s", "Label": "%s",
         "Type": "%s", "Precision": %d, "Scale": %d, "Nullable": "UNKNOWN", "CaseSensitive": true}
        """
        .formatted(name, name, type, precision, scale);
  }

  /** A row; a null value is a datum without VarCharValue, as Athena sends SQL NULL. */
  static String row(String... values) {
    List<String> data = new ArrayList<>();
    for (String value : values) {
      data.add(value == null ? "{}" : "{\"VarCharValue\": \"" + value + "\"}");
    }
    return "{\"Data\": [" + String.join(", ", data) + "]}";
  }

  /** A GetQueryResults answer; {@code nextToken} null on the last page. */
  static String results(List<String> columns, List<String> rows, String nextToken) {
    return "{"
        + (nextToken == null ? "" : "\"NextToken\": \"" + nextToken + "\", ")
        + "\"UpdateCount\": 0, \"ResultSet\": {\"Rows\": ["
        + String.join(", ", rows)
        + "], \"ResultSetMetadata\": {\"ColumnInfo\": ["
        + String.join(", ", columns)
        + "]}}}";
  }
}
