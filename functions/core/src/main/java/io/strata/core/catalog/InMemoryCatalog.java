package io.strata.core.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A catalog held in memory, with the same version checks as Glue: an update must name the version
 * it read. For tests, benchmarks and embedding; thread-safe.
 */
public class InMemoryCatalog implements Catalog {

  private final Map<String, CatalogTable> tables = new HashMap<>();
  private final Map<String, Map<List<String>, CatalogPartition>> partitions = new HashMap<>();
  private long versions;

  @Override
  public synchronized Optional<CatalogTable> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  @Override
  public synchronized void createTable(CatalogTable table) {
    if (tables.containsKey(table.name())) {
      throw new CatalogConflictException(
          "Cannot create table " + table.name() + ": it exists already");
    }
    tables.put(table.name(), table.withVersion(Long.toString(++versions)));
  }

  @Override
  public synchronized void updateTable(CatalogTable table) {
    CatalogTable stored = tables.get(table.name());
    if (stored == null) {
      throw new CatalogException("Cannot update table " + table.name() + ": it does not exist");
    }
    if (!stored.version().equals(table.version())) {
      throw new CatalogConflictException(
          "Cannot update table "
              + table.name()
              + ": it is at version "
              + stored.version()
              + ", not "
              + table.version());
    }
    tables.put(table.name(), table.withVersion(Long.toString(++versions)));
  }

  @Override
  public synchronized void addPartitions(CatalogTable table, List<CatalogPartition> added) {
    if (!tables.containsKey(table.name())) {
      throw new CatalogException(
          "Cannot add partitions to table " + table.name() + ": it does not exist");
    }
    Map<List<String>, CatalogPartition> stored =
        partitions.computeIfAbsent(table.name(), t -> new LinkedHashMap<>());
    for (CatalogPartition partition : added) {
      stored.putIfAbsent(partition.values(), partition);
    }
  }

  @Override
  public synchronized List<CatalogPartition> partitions(String table) {
    return new ArrayList<>(partitions.getOrDefault(table, Map.of()).values());
  }
}
