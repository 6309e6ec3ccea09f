package io.strata.trino;

import io.strata.core.query.SqlStatement;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing Strata compiles for both engines: the Athena dialect's statement, run on Trino, and the
 * DuckDB dialect's, run by the local engine, over the same snapshot.
 *
 * @param ordered whether the statement orders its rows totally, so the order must agree too
 * @param exportFolder for an export, the folder DuckDB's COPY writes; null for a query or report
 */
record Comparison(
    String name, SqlStatement athena, SqlStatement duckDb, boolean ordered, Path exportFolder) {

  Comparison {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(athena, "athena");
    Objects.requireNonNull(duckDb, "duckDb");
  }

  /** Both answers, Trino's first. */
  record Answers(Answer trino, Answer duckDb) {}

  /** Runs both statements; an export runs the SELECT inside Athena's UNLOAD on Trino. */
  Answers run(Engines engines) throws java.sql.SQLException {
    if (exportFolder != null) {
      return new Answers(
          engines.onTrino(Engines.unloadedSelect(athena)),
          engines.exportOnDuckDb(duckDb, exportFolder));
    }
    return new Answers(engines.onTrino(athena), engines.onDuckDb(duckDb));
  }
}
