package io.strata.core.materialize;

import io.strata.core.query.QueryColumn;
import io.strata.core.query.QueryLimits;
import io.strata.core.query.SqlDialect;
import io.strata.core.query.SqlStatement;
import io.strata.core.query.SqlText;
import io.strata.core.table.TableSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The statement that serves a materialized report: the report's columns of the table at exactly the
 * snapshot found current, in the report's row order, capped at the query API's maximum rows as a
 * live run is.
 */
public final class MaterializedRead {

  private MaterializedRead() {}

  /** The rows of the snapshot for the dialect's engine. */
  public static SqlStatement statement(
      MaterializedSnapshot materialized, SqlDialect dialect, QueryLimits limits) {
    Schema schema = materialized.snapshot().table().schema();
    List<QueryColumn> columns = new ArrayList<>();
    StringJoiner outputs = new StringJoiner(", ");
    for (String name : materialized.columns()) {
      columns.add(column(schema.findField(name)));
      outputs.add(SqlText.identifier(name));
    }
    columns.add(column(schema.findField(ResultSchema.ROW)));
    String relation =
        dialect.snapshotRelation(
            materialized.namespace(), materialized.table(), columns, materialized.snapshot());
    return new SqlStatement(
        "SELECT "
            + outputs
            + " FROM "
            + relation
            + " AS m ORDER BY "
            + SqlText.identifier(ResultSchema.ROW)
            + " LIMIT "
            + limits.maxLimit(),
        List.of());
  }

  private static QueryColumn column(Types.NestedField field) {
    if (field == null) {
      throw new IllegalStateException("Cannot read a materialized table missing its own column");
    }
    var type = TableSchemas.columnType(field.type());
    return new QueryColumn(field.name(), type, type.toString(), null, QueryColumn.Kind.COLUMN);
  }
}
