package io.strata.core.access;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one role sees of one dataset: the columns it never sees, the columns it sees masked, and the
 * row filter always applied to its queries.
 *
 * @param rowFilter the filter applied to every query of the role, or {@code null} when the role
 *     sees every row
 */
public record DatasetGrant(
    String dataset, List<String> hiddenColumns, List<String> maskedColumns, RowFilter rowFilter) {

  public DatasetGrant {
    Objects.requireNonNull(dataset, "dataset");
    hiddenColumns = List.copyOf(hiddenColumns);
    maskedColumns = List.copyOf(maskedColumns);
    String subject = "Cannot create grant on dataset " + dataset + ": ";
    if (!dataset.matches("[a-z][a-z0-9_]*")) {
      throw new AccessPolicyException(subject + "name must be lower snake case ([a-z][a-z0-9_]*)");
    }
    Set<String> seen = new HashSet<>();
    for (String column : hiddenColumns) {
      if (!seen.add(column)) {
        throw new AccessPolicyException(subject + "column " + column + " is hidden twice");
      }
    }
    Set<String> masked = new HashSet<>();
    for (String column : maskedColumns) {
      if (seen.contains(column)) {
        throw new AccessPolicyException(
            subject + "column " + column + " cannot be both hidden and masked");
      }
      if (!masked.add(column)) {
        throw new AccessPolicyException(subject + "column " + column + " is masked twice");
      }
    }
  }

  /** Every column and every row of the dataset, as an admin sees it. */
  public static DatasetGrant unrestricted(String dataset) {
    return new DatasetGrant(dataset, List.of(), List.of(), null);
  }

  /** Whether a row filter applies to the role's queries of this dataset. */
  public boolean filtersRows() {
    return rowFilter != null;
  }

  /** Whether the role sees this column at all (masked columns are seen, masked). */
  public boolean shows(String column) {
    return !hiddenColumns.contains(column);
  }

  /** Whether the role sees this column only masked. */
  public boolean masks(String column) {
    return maskedColumns.contains(column);
  }
}
