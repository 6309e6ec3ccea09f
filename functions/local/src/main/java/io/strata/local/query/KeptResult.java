package io.strata.local.query;

import io.strata.core.query.ResultColumn;
import java.util.List;

/** A finished query's columns and rows as held in memory, values already typed for JSON. */
record KeptResult(List<ResultColumn> columns, List<List<Object>> rows) {

  static final KeptResult EMPTY = new KeptResult(List.of(), List.of());

  KeptResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
