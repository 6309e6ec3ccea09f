package io.strata.api.quarantine;

import io.strata.api.datasets.DatasetDirectory;
import io.strata.api.error.ApiException;
import io.strata.api.identity.Caller;
import io.strata.api.setup.ApiConfig;
import io.strata.core.access.DatasetGrant;
import io.strata.core.contract.DatasetContract;
import io.strata.core.ingest.LakeJson;
import io.strata.core.ingest.LakeLayout;
import io.strata.core.ingest.QuarantineReport;
import io.strata.core.query.VisibleColumn;
import io.strata.core.query.VisibleSchema;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectNotFoundException;
import io.strata.core.store.ObjectStore;
import io.strata.core.validate.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A dataset's quarantine reports as the caller's role may read them: only for a dataset the role
 * may see (else 404 or 403, as the dataset's detail); values only of columns it sees in clear; line
 * details and counts only when it sees every row.
 */
@ApplicationScoped
public class QuarantineReports {

  /** The most reports listed, newest first. */
  static final int LISTED = 100;

  private static final String REPORT = "report.json";
  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  @Inject DatasetDirectory directory;
  @Inject ObjectStore store;
  @Inject ApiConfig config;

  /** The quarantined batches of the dataset, newest first. */
  public List<QuarantineSummary> list(Caller caller, String dataset) {
    directory.visible(caller, dataset);
    DatasetGrant grant = caller.role().grantFor(dataset).orElseThrow();
    LakeLayout layout = new LakeLayout(config.historyBucket());
    String prefix = "_quarantine/" + dataset + "/";
    List<QuarantineSummary> result = new ArrayList<>();
    for (ObjectInfo info : store.list(layout.historyBucket(), prefix)) {
      if (info.key().endsWith("/" + REPORT)
          && info.key().indexOf('/', prefix.length())
              == info.key().length() - REPORT.length() - 1) {
        QuarantineReport report = read(info.key());
        result.add(
            new QuarantineSummary(
                report.batchId(),
                report.reason(),
                grant.filtersRows() ? null : report.rowsRejected(),
                report.quarantinedAt()));
      }
    }
    result.sort(
        Comparator.comparing(
                QuarantineSummary::quarantinedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .reversed());
    return result.size() > LISTED ? result.subList(0, LISTED) : result;
  }

  /** One quarantine report of the dataset. */
  public QuarantineView report(Caller caller, String dataset, String batchId) {
    DatasetContract contract = directory.visible(caller, dataset);
    if (batchId == null || !BATCH_ID.matcher(batchId).matches()) {
      throw ApiException.badRequest(
          "invalid_batch_id", "Cannot read a quarantine report: the batch id is malformed");
    }
    DatasetGrant grant = caller.role().grantFor(dataset).orElseThrow();
    String key = new LakeLayout(config.historyBucket()).quarantineReportKey(dataset, batchId);
    QuarantineReport report;
    try {
      report = read(key);
    } catch (ObjectNotFoundException e) {
      throw ApiException.notFound(
          "quarantine_not_found",
          "No quarantine report of batch " + batchId + " exists in dataset " + dataset);
    }
    return view(report, VisibleSchema.of(contract, grant), grant.filtersRows(), caller);
  }

  static QuarantineView view(
      QuarantineReport report, List<VisibleColumn> columns, boolean filtersRows, Caller caller) {
    Map<String, VisibleColumn> visible =
        columns.stream().collect(Collectors.toMap(VisibleColumn::name, Function.identity()));
    List<QuarantineView.Line> lines = null;
    if (!filtersRows) {
      lines = new ArrayList<>();
      for (Violation v : report.errors()) {
        lines.add(line(v, visible, caller.role().name()));
      }
    }
    return new QuarantineView(
        report.dataset(),
        report.batchId(),
        filtersRows ? null : report.source(),
        report.contractVersion(),
        report.reason(),
        filtersRows ? null : report.summary(),
        filtersRows ? null : report.rowsRead(),
        filtersRows ? null : report.rowsRejected(),
        filtersRows ? null : report.violations(),
        lines,
        report.quarantinedAt());
  }

  /** A column the role does not see in clear keeps its rule but loses its value. */
  private static QuarantineView.Line line(
      Violation v, Map<String, VisibleColumn> visible, String role) {
    if (v.column() == null) {
      return new QuarantineView.Line(v.line(), null, v.rule(), null, v.message());
    }
    VisibleColumn column = visible.get(v.column());
    if (column == null || column.masked()) {
      String shown = column == null ? "—" : v.column();
      return new QuarantineView.Line(
          v.line(),
          column == null ? null : v.column(),
          v.rule(),
          null,
          shown + ": breaks rule " + v.rule() + " (the value is not shown to role " + role + ")");
    }
    return new QuarantineView.Line(v.line(), v.column(), v.rule(), v.value(), v.message());
  }

  private QuarantineReport read(String key) {
    try (InputStream in = store.open(config.historyBucket(), key)) {
      return LakeJson.mapper().readValue(in, QuarantineReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read quarantine report " + key, e);
    }
  }
}
