package io.strata.core.history;

import io.strata.core.contract.DatasetContract;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.transforms.Transform;
import org.apache.iceberg.types.Type;

/**
 * The Iceberg partition of a row, through the table's own partition transforms ({@code identity},
 * {@code day}, {@code month}, {@code year} in UTC), and its folder as Iceberg names it ({@code
 * event_date=2024-01-02}). Partitions of recently seen values are cached, so an instance is not
 * thread-safe.
 */
final class RowPartitioner {

  /** A row's partition: its folder and its values as the data file records them. */
  record Partition(String path, StructLike data) {}

  private static final int CACHE_SIZE = 4096;
  private static final Partition UNPARTITIONED = new Partition("", null);

  private final PartitionSpec spec;
  private final Schema schema;
  private final int[] sources;
  private final List<Function<Object, Object>> transforms;
  private final Map<List<Object>, Partition> cache = new HashMap<>();
  private final Map<Object, Partition> byValue = new HashMap<>();

  /**
   * Prepares the partitions of the table's spec for rows in contract column order.
   *
   * @throws IllegalArgumentException when a partition's source is not a contract column
   */
  @SuppressWarnings("unchecked")
  RowPartitioner(DatasetContract contract, Schema schema, PartitionSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.schema = Objects.requireNonNull(schema, "schema");
    List<PartitionField> fields = spec.fields();
    this.sources = new int[fields.size()];
    this.transforms = new java.util.ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      PartitionField field = fields.get(i);
      String source = schema.findColumnName(field.sourceId());
      sources[i] = source == null ? -1 : contract.indexOf(source);
      if (sources[i] < 0) {
        throw new IllegalArgumentException(
            "Cannot partition dataset "
                + contract.name()
                + " by "
                + field.name()
                + ": no contract column "
                + source);
      }
      Type type = schema.findType(field.sourceId());
      Function<Object, Object> bound =
          ((Transform<Object, Object>) field.transform()).bind(type)::apply;
      transforms.add(bound);
    }
  }

  /**
   * The partition of one row (values typed, in contract column order).
   *
   * @throws IllegalArgumentException when a partition source value is missing
   */
  Partition partitionOf(Object[] values) {
    if (sources.length == 0) {
      return UNPARTITIONED;
    }
    if (sources.length == 1) {
      // One field: its transformed value alone is the cache key (no array, no list per row).
      Object key = transformed(values, 0);
      Partition known = byValue.get(key);
      if (known == null) {
        known = partitionFor(new Object[] {key});
        remember(byValue, key, known);
      }
      return known;
    }
    Object[] partition = transformed(values);
    List<Object> key = Arrays.asList(partition);
    Partition known = cache.get(key);
    if (known == null) {
      known = partitionFor(partition);
      remember(cache, key, known);
    }
    return known;
  }

  private Object[] transformed(Object[] values) {
    Object[] partition = new Object[sources.length];
    for (int i = 0; i < sources.length; i++) {
      partition[i] = transformed(values, i);
    }
    return partition;
  }

  private Object transformed(Object[] values, int field) {
    Object value = values[sources[field]];
    if (value == null) {
      throw new IllegalArgumentException(
          "Cannot partition row by "
              + spec.fields().get(field).name()
              + ": column "
              + schema.findColumnName(spec.fields().get(field).sourceId())
              + " has no value");
    }
    return transforms.get(field).apply(internal(value));
  }

  private Partition partitionFor(Object[] partition) {
    PartitionKey data = new PartitionKey(spec, schema);
    for (int i = 0; i < partition.length; i++) {
      data.set(i, partition[i]);
    }
    return new Partition(data.toPath(), data);
  }

  private static <K> void remember(Map<K, Partition> map, K key, Partition partition) {
    if (map.size() >= CACHE_SIZE) {
      map.clear();
    }
    map.put(key, partition);
  }

  /** Iceberg's in-memory form of a typed contract value: days, microseconds, the rest as is. */
  private static Object internal(Object value) {
    if (value instanceof LocalDate date) {
      return (int) date.toEpochDay();
    }
    if (value instanceof Instant instant) {
      return ValueEncoder.micros(instant);
    }
    return value;
  }
}
