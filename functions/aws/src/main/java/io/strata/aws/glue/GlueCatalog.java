package io.strata.aws.glue;

import io.strata.aws.AwsErrors;
import io.strata.core.catalog.Catalog;
import io.strata.core.catalog.CatalogConflictException;
import io.strata.core.catalog.CatalogException;
import io.strata.core.catalog.CatalogPartition;
import io.strata.core.catalog.CatalogRetry;
import io.strata.core.catalog.CatalogTable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.ErrorDetail;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.VersionMismatchException;

/**
 * The catalog port on the AWS Glue Data Catalog, one database: tables change only at the {@code
 * VersionId} they were read at, partitions are created in batches where "exists already" counts as
 * success, and every other failure becomes a {@link CatalogException} naming the table.
 */
public final class GlueCatalog implements Catalog {

  private static final Logger LOG = LoggerFactory.getLogger(GlueCatalog.class);

  private static final String ALREADY_EXISTS = "AlreadyExistsException";

  private final GlueClient glue;
  private final String database;
  private final CatalogRetry retry;

  public GlueCatalog(GlueClient glue, String database, CatalogRetry retry) {
    this.glue = Objects.requireNonNull(glue, "glue");
    this.database = Objects.requireNonNull(database, "database");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  @Override
  public Optional<CatalogTable> table(String name) {
    Table table;
    try {
      table = glue.getTable(r -> r.databaseName(database).name(name)).table();
    } catch (EntityNotFoundException e) {
      return Optional.empty();
    } catch (SdkException | UncheckedIOException e) {
      throw failure("read table", name, e);
    }
    try {
      return Optional.of(GlueTableInputMapper.catalogTable(table));
    } catch (IllegalArgumentException e) {
      throw new CatalogException("Cannot read table " + qualified(name) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void createTable(CatalogTable table) {
    try {
      glue.createTable(
          r -> r.databaseName(database).tableInput(GlueTableInputMapper.tableInput(table)));
    } catch (AlreadyExistsException e) {
      throw new CatalogConflictException(
          "Cannot create table " + qualified(table.name()) + ": it exists already", e);
    } catch (SdkException | UncheckedIOException e) {
      throw failure("create table", table.name(), e);
    }
  }

  @Override
  public void updateTable(CatalogTable table) {
    if (table.version() == null) {
      throw new IllegalArgumentException(
          "Cannot update table " + qualified(table.name()) + ": no stored version was read");
    }
    try {
      glue.updateTable(
          r ->
              r.databaseName(database)
                  .tableInput(GlueTableInputMapper.tableInput(table))
                  .versionId(table.version())
                  .skipArchive(false));
    } catch (ConcurrentModificationException | VersionMismatchException e) {
      throw new CatalogConflictException(
          "Cannot update table "
              + qualified(table.name())
              + ": it changed since version "
              + table.version()
              + " was read",
          e);
    } catch (SdkException | UncheckedIOException e) {
      throw failure("update table", table.name(), e);
    }
  }

  @Override
  public void addPartitions(CatalogTable table, List<CatalogPartition> partitions) {
    for (List<CatalogPartition> chunk : Chunks.of(partitions, Chunks.GLUE_BATCH_LIMIT)) {
      addChunk(table, chunk);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A table that does not exist has none: a dataset with a contract but no ingest yet has no
   * table.
   */
  @Override
  public List<CatalogPartition> partitions(String table) {
    List<CatalogPartition> partitions = new ArrayList<>();
    String nextToken = null;
    do {
      Optional<GetPartitionsResponse> found = partitionsPage(table, nextToken);
      if (found.isEmpty()) {
        LOG.debug("Table {} does not exist, so it has no partitions", qualified(table));
        return List.of();
      }
      GetPartitionsResponse page = found.get();
      for (Partition partition : page.partitions()) {
        try {
          partitions.add(GlueTableInputMapper.catalogPartition(partition));
        } catch (IllegalArgumentException e) {
          throw new CatalogException(
              "Cannot list partitions of table " + qualified(table) + ": " + e.getMessage(), e);
        }
      }
      nextToken = page.nextToken();
    } while (nextToken != null && !nextToken.isEmpty());
    return partitions;
  }

  /**
   * One page of partitions, without their column schemas (only values and location are read); empty
   * when the table does not exist.
   */
  private Optional<GetPartitionsResponse> partitionsPage(String table, String nextToken) {
    try {
      return Optional.of(
          glue.getPartitions(
              r ->
                  r.databaseName(database)
                      .tableName(table)
                      .excludeColumnSchema(true)
                      .nextToken(nextToken)));
    } catch (EntityNotFoundException e) {
      return Optional.empty();
    } catch (SdkException | UncheckedIOException e) {
      throw failure("list partitions of table", table, e);
    }
  }

  /**
   * Creates one chunk of at most 100 partitions, sending again only those that failed with anything
   * but "exists already", until none is left or the tries run out.
   */
  private void addChunk(CatalogTable table, List<CatalogPartition> chunk) {
    Map<List<String>, CatalogPartition> pending = new LinkedHashMap<>();
    chunk.forEach(p -> pending.put(p.values(), p));
    for (int attempt = 1; ; attempt++) {
      List<PartitionError> errors = failedPartitions(table, List.copyOf(pending.values()));
      if (errors.isEmpty()) {
        return;
      }
      if (attempt >= retry.attempts()) {
        throw new CatalogException(
            "Cannot register partitions of table "
                + qualified(table.name())
                + ": "
                + errors.size()
                + " of "
                + chunk.size()
                + " still failed after "
                + attempt
                + " tries: "
                + describe(table, errors));
      }
      LOG.warn(
          "Glue refused {} of {} partitions of table {}, retrying them (try {}): {}",
          errors.size(),
          pending.size(),
          qualified(table.name()),
          attempt + 1,
          describe(table, errors));
      pending.keySet().retainAll(errors.stream().map(PartitionError::partitionValues).toList());
      if (pending.isEmpty()) {
        throw new CatalogException(
            "Cannot register partitions of table "
                + qualified(table.name())
                + ": Glue reported errors for partitions it was not sent: "
                + describe(table, errors));
      }
      retry.pause(attempt, "partition registration");
    }
  }

  /** Sends the partitions; the errors of the answer other than "exists already". */
  private List<PartitionError> failedPartitions(
      CatalogTable table, List<CatalogPartition> partitions) {
    BatchCreatePartitionResponse response;
    try {
      response =
          glue.batchCreatePartition(
              r ->
                  r.databaseName(database)
                      .tableName(table.name())
                      .partitionInputList(
                          partitions.stream()
                              .map(p -> GlueTableInputMapper.partitionInput(table, p))
                              .toList()));
    } catch (SdkException | UncheckedIOException e) {
      throw failure("register partitions of table", table.name(), e);
    }
    return response.errors().stream()
        .filter(e -> e.errorDetail() == null || !ALREADY_EXISTS.equals(code(e.errorDetail())))
        .toList();
  }

  /** "booking_date=2024-03-01 InternalServiceException: message; …" */
  private static String describe(CatalogTable table, List<PartitionError> errors) {
    StringJoiner joined = new StringJoiner("; ");
    for (PartitionError error : errors) {
      ErrorDetail detail = error.errorDetail();
      String message = detail == null ? null : detail.errorMessage();
      joined.add(
          partitionName(table, error.partitionValues())
              + " "
              + (detail == null ? "unknown error" : code(detail))
              + (message == null || message.isBlank() ? "" : ": " + message));
    }
    return joined.toString();
  }

  /** The Hive path of a partition, {@code key=value/…}, as its name in messages. */
  private static String partitionName(CatalogTable table, List<String> values) {
    StringJoiner name = new StringJoiner("/");
    for (int i = 0; i < values.size(); i++) {
      String key = i < table.partitionKeys().size() ? table.partitionKeys().get(i).name() : "?";
      name.add(key + "=" + values.get(i));
    }
    return name.toString();
  }

  private static String code(ErrorDetail detail) {
    return detail.errorCode() == null ? "unknown error" : detail.errorCode();
  }

  private CatalogException failure(String action, String table, RuntimeException e) {
    return new CatalogException(
        "Cannot " + action + " " + qualified(table) + ": " + AwsErrors.reason(e), e);
  }

  private String qualified(String table) {
    return database + "." + table;
  }
}
