package io.strata.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The catalog port: where tables and their partitions are registered so that query engines find the
 * history without a crawler (Glue in AWS, a file-backed catalog locally). Implementations must be
 * safe to call from many writers at once: table changes are conditional on the version read.
 */
public interface Catalog {

  /** The stored table with its version, or empty when none exists. */
  Optional<CatalogTable> table(String name);

  /**
   * Creates the table.
   *
   * @throws CatalogConflictException when a table of that name exists already
   * @throws CatalogException when the catalog fails otherwise
   */
  void createTable(CatalogTable table);

  /**
   * Replaces the table if it is still at {@link CatalogTable#version()}.
   *
   * @throws CatalogConflictException when the table changed since that version was read
   * @throws CatalogException when the catalog fails otherwise (including a missing table)
   */
  void updateTable(CatalogTable table);

  /**
   * Registers the partitions of the table; a partition that exists already counts as registered.
   * Each new partition's columns are the given table's columns.
   *
   * @throws CatalogException when any partition could not be registered; which ones is in the
   *     message
   */
  void addPartitions(CatalogTable table, List<CatalogPartition> partitions);

  /** Every registered partition of the table, in no particular order. */
  List<CatalogPartition> partitions(String table);
}
