package io.strata.local.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.core.catalog.Catalog;
import io.strata.core.catalog.CatalogConflictException;
import io.strata.core.catalog.CatalogException;
import io.strata.core.catalog.CatalogPartition;
import io.strata.core.catalog.CatalogTable;
import io.strata.core.ingest.LakeJson;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local lake's stand-in for the Glue Data Catalog: one JSON document per table under {@code
 * <data-dir>/.strata/catalog/<database>/<table>.json}, holding the table and its partitions, so a
 * restart keeps them and a person can read them. Versions are counters, checked on update like
 * Glue's {@code VersionId}. Thread-safe within one process; each change replaces the file
 * atomically.
 */
public final class LocalCatalog implements Catalog {

  private final Path directory;
  private final String database;
  private final ObjectMapper json = LakeJson.mapper();

  public LocalCatalog(Path catalogRoot, String database) {
    this.database = database;
    this.directory = catalogRoot.resolve(database);
  }

  /** One table's file: the table as last stored and its partitions by values. */
  record TableFile(CatalogTable table, List<CatalogPartition> partitions) {
    TableFile {
      partitions = List.copyOf(partitions);
    }
  }

  @Override
  public synchronized Optional<CatalogTable> table(String name) {
    return read(name).map(TableFile::table);
  }

  @Override
  public synchronized void createTable(CatalogTable table) {
    if (read(table.name()).isPresent()) {
      throw new CatalogConflictException(
          "Cannot create table " + qualified(table.name()) + ": it exists already");
    }
    write(new TableFile(table.withVersion("1"), List.of()));
  }

  @Override
  public synchronized void updateTable(CatalogTable table) {
    TableFile stored =
        read(table.name())
            .orElseThrow(
                () ->
                    new CatalogException(
                        "Cannot update table " + qualified(table.name()) + ": it does not exist"));
    String version = stored.table().version();
    if (!version.equals(table.version())) {
      throw new CatalogConflictException(
          "Cannot update table "
              + qualified(table.name())
              + ": it is at version "
              + version
              + ", not "
              + table.version());
    }
    String next = Long.toString(Long.parseLong(version) + 1);
    write(new TableFile(table.withVersion(next), stored.partitions()));
  }

  @Override
  public synchronized void addPartitions(CatalogTable table, List<CatalogPartition> added) {
    TableFile stored =
        read(table.name())
            .orElseThrow(
                () ->
                    new CatalogException(
                        "Cannot add partitions to table "
                            + qualified(table.name())
                            + ": it does not exist"));
    Map<List<String>, CatalogPartition> partitions = new LinkedHashMap<>();
    stored.partitions().forEach(p -> partitions.put(p.values(), p));
    boolean changed = false;
    for (CatalogPartition partition : added) {
      changed |= partitions.putIfAbsent(partition.values(), partition) == null;
    }
    if (changed) {
      write(new TableFile(stored.table(), new ArrayList<>(partitions.values())));
    }
  }

  @Override
  public synchronized List<CatalogPartition> partitions(String table) {
    return read(table).map(TableFile::partitions).orElse(List.of());
  }

  /** Names of every table in the database, sorted. */
  public synchronized List<String> tables() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (var files = Files.list(directory)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new CatalogException("Cannot list tables of " + database + ": " + e.getMessage(), e);
    }
  }

  private Optional<TableFile> read(String name) {
    Path file = fileOf(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(file.toFile(), TableFile.class));
    } catch (IOException e) {
      throw new CatalogException(
          "Cannot read table " + qualified(name) + " from " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(TableFile table) {
    Path file = fileOf(table.table().name());
    try {
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, table.table().name(), ".tmp");
      json.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), table);
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CatalogException(
          "Cannot write table " + qualified(table.table().name()) + ": " + e.getMessage(), e);
    }
  }

  private Path fileOf(String table) {
    if (!table.matches("[a-z][a-z0-9_]*")) {
      throw new CatalogException(
          "Cannot use table name '" + table + "': expected lower snake case");
    }
    return directory.resolve(table + ".json");
  }

  private String qualified(String table) {
    return database + "." + table;
  }
}
