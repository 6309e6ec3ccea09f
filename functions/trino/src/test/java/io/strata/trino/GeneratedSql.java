package io.strata.trino;

import io.strata.core.access.RoleGrant;
import io.strata.core.contract.DatasetContract;
import io.strata.core.query.AthenaDialect;
import io.strata.core.query.DuckDbDialect;
import io.strata.core.query.FilterRequest;
import io.strata.core.query.QueryFixtures;
import io.strata.core.query.QueryPlan;
import io.strata.core.query.QueryPlanner;
import io.strata.core.query.QueryRequest;
import io.strata.core.query.SortRequest;
import io.strata.core.query.SqlCompiler;
import io.strata.core.report.ReportCompiler;
import io.strata.core.report.ReportDefinition;
import io.strata.core.report.ReportLoader;
import io.strata.core.table.HistorySnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compiles queries, reports and exports exactly as the query API does, once with the Athena dialect
 * (Glue database {@code strata}) and once with the local engine's DuckDB dialect, both against the
 * snapshot Strata's catalog picks, and collects them as {@link Comparison}s.
 */
final class GeneratedSql {

  /** The Glue database, and the Trino schema the tables are registered in. */
  static final String DATABASE = io.strata.core.testing.TestCatalogs.DATABASE;

  /** Every column the role sees, as a request without columns asks. */
  static final List<String> ALL = null;

  static final List<String> BY_ID = List.of("transaction_id");
  static final List<String> BY_EVENT = List.of("event_id");

  private final S3Lake lake;
  private final AthenaDialect athena = new AthenaDialect(DATABASE);
  private final DuckDbDialect duckDb;
  private final QueryPlanner planner = QueryFixtures.livePlanner();
  private final List<Comparison> comparisons = new ArrayList<>();

  GeneratedSql(S3Lake lake) {
    this.lake = lake;
    this.duckDb = lake.duckDbDialect();
  }

  /** A structured query of the dataset under its contract in use. */
  GeneratedSql query(String name, RoleGrant role, String dataset, QueryRequest request) {
    return query(name, role, lake.contract(dataset), request);
  }

  /** A structured query planned with the given contract, which may be newer than the table. */
  GeneratedSql query(String name, RoleGrant role, DatasetContract contract, QueryRequest request) {
    QueryPlan plan = planner.plan(contract, role, request);
    HistorySnapshot snapshot = lake.snapshot(contract.name(), plan.asOf());
    comparisons.add(
        new Comparison(
            name,
            SqlCompiler.select(plan, athena, snapshot),
            SqlCompiler.select(plan, duckDb, snapshot),
            !plan.orderBy().isEmpty(),
            null));
    return this;
  }

  /** A named report of the repository with its arguments. */
  GeneratedSql report(String name, RoleGrant role, String report, Map<String, Object> args) {
    Map<String, DatasetContract> contracts = lake.contracts();
    ReportDefinition definition =
        ReportLoader.load(QueryFixtures.DATASETS.resolve("reports"), contracts).get(report);
    comparisons.add(
        new Comparison(
            name,
            ReportCompiler.compile(
                definition, args, contracts, role, athena, lake::latest, QueryFixtures.LIMITS),
            ReportCompiler.compile(
                definition, args, contracts, role, duckDb, lake::latest, QueryFixtures.LIMITS),
            true,
            null));
    return this;
  }

  /** An export as of the request's instant, into its own folder of the analytics bucket. */
  GeneratedSql export(String name, RoleGrant role, String dataset, QueryRequest request) {
    QueryPlan plan = planner.plan(lake.contract(dataset), role, request);
    HistorySnapshot snapshot = lake.snapshot(dataset, plan.asOf());
    String folder = "exports/" + dataset + "/" + comparisons.size() + "/data/";
    String location = "s3://" + S3Lake.ANALYTICS + "/" + folder;
    Path written = lake.dataDir().resolve(S3Lake.ANALYTICS).resolve(folder);
    comparisons.add(
        new Comparison(
            name,
            SqlCompiler.export(plan, athena, snapshot, location),
            SqlCompiler.export(plan, duckDb, snapshot, location),
            false,
            written));
    return this;
  }

  List<Comparison> comparisons() {
    return List.copyOf(comparisons);
  }

  /** A request for these columns (all visible ones when none), ordered by the sort columns. */
  static QueryRequest request(
      String view,
      Instant asOf,
      List<String> columns,
      List<String> sort,
      FilterRequest... filters) {
    return new QueryRequest(
        columns,
        Arrays.asList(filters),
        sort.stream().map(c -> new SortRequest(c, "asc")).toList(),
        null,
        view,
        asOf == null ? null : asOf.toString());
  }

  static FilterRequest filter(String column, String op, Object value) {
    return new FilterRequest(column, op, value, null);
  }

  static FilterRequest filterValues(String column, String op, Object... values) {
    return new FilterRequest(column, op, null, Arrays.asList(values));
  }
}
