package io.strata.core.query;

import io.strata.core.access.DatasetGrant;
import io.strata.core.contract.DatasetContract;
import java.util.List;

/** The queryable columns one role's grant shows: a hidden column is absent. */
final class GrantedColumns {

  private GrantedColumns() {}

  /** The visible columns in the order of {@link QueryableColumns#of}. */
  static List<QueryColumn> of(DatasetContract contract, DatasetGrant grant) {
    return QueryableColumns.of(contract).stream().filter(c -> grant.shows(c.name())).toList();
  }
}
