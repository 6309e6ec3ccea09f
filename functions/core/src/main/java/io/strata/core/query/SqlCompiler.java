package io.strata.core.query;

import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import io.strata.core.history.ParquetSchemas;
import io.strata.core.table.HistorySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Compiles a {@link QueryPlan} into parameterized SQL for a {@link SqlDialect}. Every value is a
 * {@code ?} parameter inside a WHERE clause (Athena accepts them nowhere else); identifiers come
 * from the contract and are double-quoted; the limit is a validated integer.
 *
 * <p>Rows come only from the table's snapshot the query reads (the one current at {@code asOf}, or
 * the latest): an uncommitted batch is in no snapshot. Without a snapshot (nothing committed then)
 * the relation is empty. The current view ranks each business key's versions newest first (by the
 * contract's {@code sequence_by} column if it has one, then {@code _ingested_at}, {@code _batch_id}
 * and {@code _source_line}) and keeps the first; the role's row filter and the caller's filters
 * apply after the ranking, so an older version never passes for current. Where the snapshot comes
 * with the dataset's current table (the latest data, no {@code asOf}), the current view reads that
 * table instead, which holds exactly the rows the ranking keeps; the same filters apply to it.
 */
public final class SqlCompiler {

  /** The column holding each version's rank inside the current view. */
  static final String RANK = "_strata_rank";

  private SqlCompiler() {}

  /**
   * The query: the plan's rows, ordered and limited.
   *
   * @param snapshot the table's snapshot to read, or null when there is none (an empty answer)
   */
  public static SqlStatement select(QueryPlan plan, SqlDialect dialect, HistorySnapshot snapshot) {
    SqlText sql = new SqlText().fragment(relation(plan, dialect, snapshot));
    if (!plan.orderBy().isEmpty()) {
      StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
      for (PlannedSort sort : plan.orderBy()) {
        order.add(SqlText.identifier(sort.column()) + (sort.descending() ? " DESC" : " ASC"));
      }
      sql.text(order.toString());
    }
    return sql.text(" LIMIT " + plan.limit()).build();
  }

  /**
   * UNLOAD (Athena) / COPY (DuckDB) of the plan's rows (no LIMIT) as Parquet to an s3:// folder.
   */
  public static SqlStatement export(
      QueryPlan plan, SqlDialect dialect, HistorySnapshot snapshot, String s3Location) {
    return dialect.export(relation(plan, dialect, snapshot), s3Location);
  }

  /**
   * The plan's rows as a relation, without order or limit: the governed view of the dataset that
   * reports read.
   *
   * @param snapshot the table's snapshot to read, or null when there is none (no rows)
   */
  public static SqlStatement relation(
      QueryPlan plan, SqlDialect dialect, HistorySnapshot snapshot) {
    List<QueryColumn> all = QueryableColumns.of(plan.contract());
    // The current table holds exactly the rows the ranking would keep: read it when there is one.
    boolean fromCurrentTable = plan.ranked() && snapshot != null && snapshot.currentTable() != null;
    String source;
    if (snapshot == null) {
      source = dialect.emptyRelation(all);
    } else if (fromCurrentTable) {
      source = dialect.currentRelation(plan.contract(), all, snapshot);
    } else {
      source = dialect.historyRelation(plan.contract(), all, snapshot);
    }
    SqlText sql = new SqlText().text("SELECT ").text(outputs(plan, dialect)).text(" FROM ");
    List<PlannedFilter> conditions = new ArrayList<>();
    if (plan.rowFilter() != null) {
      conditions.add(plan.rowFilter());
    }
    conditions.addAll(plan.filters());
    String where = " WHERE ";
    if (plan.ranked() && !fromCurrentTable) {
      StringJoiner key = new StringJoiner(", ");
      plan.contract().key().forEach(k -> key.add(SqlText.identifier(k)));
      sql.text("(SELECT *, row_number() OVER (PARTITION BY ")
          .text(key.toString())
          .text(
              " ORDER BY "
                  + ranking(plan.contract())
                  + ") AS "
                  + SqlText.identifier(RANK)
                  + " FROM ")
          .text(source)
          .text(") AS " + SqlText.identifier("ranked") + " WHERE " + SqlText.identifier(RANK))
          .text(" = 1");
      where = " AND ";
    } else {
      sql.text(source);
    }
    for (PlannedFilter filter : conditions) {
      sql.text(where);
      condition(sql, filter);
      where = " AND ";
    }
    return sql.build();
  }

  /**
   * Newest version first: by the contract's {@code sequence_by} column if it has one, so late or
   * re-sent data cannot override newer facts; then by arrival, batch and line.
   */
  private static String ranking(DatasetContract contract) {
    StringJoiner order = new StringJoiner(" DESC, ", "", " DESC");
    if (contract.sequenceBy() != null) {
      order.add(SqlText.identifier(contract.sequenceBy()));
    }
    order.add(SqlText.identifier(ParquetSchemas.INGESTED_AT));
    order.add(SqlText.identifier(ParquetSchemas.BATCH_ID));
    order.add(SqlText.identifier(ParquetSchemas.SOURCE_LINE));
    return order.toString();
  }

  private static String outputs(QueryPlan plan, SqlDialect dialect) {
    StringJoiner outputs = new StringJoiner(", ");
    for (PlannedColumn column : plan.columns()) {
      String name = SqlText.identifier(column.name());
      if (!column.masked()) {
        outputs.add(name);
      } else if (column.type().kind() == ColumnType.Kind.STRING) {
        outputs.add(dialect.mask(name) + " AS " + name);
      } else {
        outputs.add("CAST(NULL AS " + dialect.typeName(column.type()) + ") AS " + name);
      }
    }
    return outputs.toString();
  }

  private static void condition(SqlText sql, PlannedFilter filter) {
    String column = SqlText.identifier(filter.column());
    List<Object> values = filter.values();
    switch (filter.operator()) {
      case EQUAL -> sql.text(column + " = ").parameter(values.get(0));
      case NOT_EQUAL -> sql.text(column + " <> ").parameter(values.get(0));
      case LESS -> sql.text(column + " < ").parameter(values.get(0));
      case LESS_OR_EQUAL -> sql.text(column + " <= ").parameter(values.get(0));
      case GREATER -> sql.text(column + " > ").parameter(values.get(0));
      case GREATER_OR_EQUAL -> sql.text(column + " >= ").parameter(values.get(0));
      case BETWEEN ->
          sql.text(column + " BETWEEN ")
              .parameter(values.get(0))
              .text(" AND ")
              .parameter(values.get(1));
      case IS_NULL -> sql.text(column + " IS NULL");
      case IS_NOT_NULL -> sql.text(column + " IS NOT NULL");
      case STARTS_WITH ->
          sql.text("starts_with(" + column + ", ").parameter(values.get(0)).text(")");
      case IN, NOT_IN -> {
        sql.text(column + (filter.operator() == Operator.IN ? " IN (" : " NOT IN ("));
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            sql.text(", ");
          }
          sql.parameter(values.get(i));
        }
        sql.text(")");
      }
    }
  }
}
