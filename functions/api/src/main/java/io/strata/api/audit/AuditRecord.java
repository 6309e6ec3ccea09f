package io.strata.api.audit;

import io.strata.api.identity.Caller;
import io.strata.core.query.QueryPlan;
import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * What one request did, filled in as it goes and written as one log line by {@link AuditFilter}:
 * principal, role, route, dataset or report, columns, filters (column and operator; values are
 * never recorded), query id, outcome and bytes scanned.
 */
@RequestScoped
public class AuditRecord {

  private String principal;
  private String role;
  private String route;
  private String dataset;
  private String report;
  private final List<String> columns = new ArrayList<>();
  private final List<String> filters = new ArrayList<>();
  private String queryId;
  private String errorCode;
  private Long bytesScanned;

  public void caller(Caller caller) {
    this.principal = caller.principal().arn();
    this.role = caller.role().name();
  }

  public void principal(String principal) {
    this.principal = principal;
  }

  public void route(String route) {
    this.route = route;
  }

  public void dataset(String dataset) {
    this.dataset = dataset;
  }

  public void report(String report) {
    this.report = report;
  }

  public void columns(List<String> names) {
    columns.clear();
    columns.addAll(names);
  }

  /** Records a plan's output columns and filters, as {@code column op ?}: never their values. */
  public void plan(QueryPlan plan) {
    columns(plan.outputColumns());
    plan.filters().forEach(f -> filter(f.column(), f.operator().symbol()));
  }

  /** Records a filter as {@code column operator ?}; its value is redacted by construction. */
  public void filter(String column, String operator) {
    filters.add(column + " " + operator + " ?");
  }

  public void queryId(String queryId) {
    this.queryId = queryId;
  }

  public void bytesScanned(long bytes) {
    this.bytesScanned = bytes;
  }

  public void failed(String code) {
    this.errorCode = code;
  }

  String principal() {
    return principal;
  }

  String role() {
    return role;
  }

  String route() {
    return route;
  }

  String dataset() {
    return dataset;
  }

  String report() {
    return report;
  }

  List<String> columns() {
    return columns;
  }

  List<String> filters() {
    return filters;
  }

  String queryId() {
    return queryId;
  }

  String errorCode() {
    return errorCode;
  }

  Long bytesScanned() {
    return bytesScanned;
  }
}
