package io.strata.core.query;

import io.strata.core.access.DatasetGrant;
import io.strata.core.contract.DatasetContract;
import java.util.List;

/** The schema of a dataset as one role's grant shows it. */
public final class VisibleSchema {

  private VisibleSchema() {}

  /**
   * Hidden columns absent; masked columns marked; partition columns and lineage columns included.
   */
  public static List<VisibleColumn> of(DatasetContract contract, DatasetGrant grant) {
    return GrantedColumns.of(contract, grant).stream()
        .map(
            c ->
                new VisibleColumn(
                    c.name(),
                    c.athenaType(),
                    c.description(),
                    grant.masks(c.name()),
                    c.kind().apiName()))
        .toList();
  }
}
