package io.strata.core.contract;

import java.util.Map;
import java.util.Objects;

/**
 * How a dataset's table is kept in the catalog: with every partition registered as batches arrive
 * (the default), or with Athena partition projection, which computes partitions from table
 * properties and suits datasets with very many partitions.
 *
 * @param projectionRanges per date-like partition, an Athena projection range such as {@code
 *     2024-01-01,NOW}; partitions not listed get a default range
 */
public record CatalogOptions(boolean partitionProjection, Map<String, String> projectionRanges) {

  /** Every partition registered, no projection. */
  public static final CatalogOptions DEFAULT = new CatalogOptions(false, Map.of());

  public CatalogOptions {
    projectionRanges = Map.copyOf(Objects.requireNonNull(projectionRanges, "projectionRanges"));
    if (!partitionProjection && !projectionRanges.isEmpty()) {
      throw new ContractException("projection ranges need partition_projection: true");
    }
  }
}
