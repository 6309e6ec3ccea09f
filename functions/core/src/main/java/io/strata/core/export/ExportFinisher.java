package io.strata.core.export;

import io.strata.core.query.QueryLabel;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.store.ObjectStore;
import java.util.Optional;

/**
 * Finishes an export once its query is done, whoever learns of it first: the query API's poll,
 * Athena's "Query State Change" event in AWS, or the DuckDB engine's completion in the local lake.
 * What an export is comes from the label the API wrote at the head of the statement, which the
 * engine keeps with the query; nothing a caller sends later is consulted.
 *
 * <p>A succeeded export gets its manifest (exactly once, see {@link ExportManifests}); a failed or
 * cancelled one gets none, so its folder never looks complete, and the poll reports the failure.
 */
public final class ExportFinisher {

  private final ExportManifests manifests;

  /**
   * @param bucket the analytics bucket the exports are unloaded to
   */
  public ExportFinisher(ObjectStore store, String bucket) {
    this.manifests = new ExportManifests(store, bucket);
  }

  /** The label of an export statement, or empty for any other statement. */
  public static Optional<QueryLabel> exportLabel(QueryStatus status) {
    return QueryLabel.of(status.sql()).filter(label -> "export".equals(label.kind()));
  }

  /**
   * The manifest of a succeeded export, written now unless it was already; empty for a query that
   * is no export, or one that has not succeeded.
   */
  public Optional<ExportManifest> finish(QueryStatus status) {
    if (status.state() != QueryState.SUCCEEDED) {
      return Optional.empty();
    }
    return exportLabel(status).map(label -> manifests.ensure(status, label));
  }
}
