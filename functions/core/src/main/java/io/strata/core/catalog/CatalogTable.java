package io.strata.core.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset's table in the catalog: data columns, partition keys, the location of its Parquet files
 * and its parameters.
 *
 * @param location the table's root, e.g. {@code s3://history/bank_transactions/}
 * @param version the catalog's version of the stored table, used for optimistic concurrency; null
 *     for a definition that is not stored yet
 */
public record CatalogTable(
    String name,
    String description,
    List<CatalogColumn> columns,
    List<CatalogColumn> partitionKeys,
    String location,
    Map<String, String> parameters,
    String version) {

  /** Table parameter holding the version of the contract that last changed the table. */
  public static final String CONTRACT_VERSION = "strata.contract_version";

  public CatalogTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    description = CatalogTexts.cut(description, CatalogTexts.MAX_DESCRIPTION);
    columns = List.copyOf(columns);
    partitionKeys = List.copyOf(partitionKeys);
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("Table " + name + " needs at least one column");
    }
  }

  /** The data column with this name, if the table has it. */
  public Optional<CatalogColumn> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** The contract version recorded in the parameters; 0 when the table records none. */
  public int contractVersion() {
    String value = parameters.get(CONTRACT_VERSION);
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Whether Athena computes this table's partitions instead of reading registered ones. */
  public boolean projected() {
    return "true".equals(parameters.get("projection.enabled"));
  }

  /** The same table as stored at {@code storedVersion}. */
  public CatalogTable withVersion(String storedVersion) {
    return new CatalogTable(
        name, description, columns, partitionKeys, location, parameters, storedVersion);
  }
}
