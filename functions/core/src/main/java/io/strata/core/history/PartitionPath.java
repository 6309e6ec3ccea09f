package io.strata.core.history;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.PartitionPathRules;
import io.strata.core.contract.PartitionSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Hive partition path of a row, e.g. {@code booking_date=2024-01-02} or {@code
 * region=EU/event_date=2024-01-02}: dates as yyyy-MM-dd, months as yyyy-MM, years as yyyy,
 * timestamps in UTC, strings escaped the way Hive's {@code FileUtils.escapePathName} does.
 */
public final class PartitionPath {

  /** Hive's name for the partition of an empty string. */
  public static final String HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private static final int CACHE_SIZE = 4096;

  private final List<PartitionSpec> partitions;
  private final int[] sources;
  private final Map<Object, String> cache = new HashMap<>();

  /**
   * Prepares the paths of a contract's partitions.
   *
   * @throws IllegalArgumentException when a partition's source column is not in the contract
   */
  public PartitionPath(DatasetContract contract) {
    this.partitions = contract.partitions();
    this.sources = new int[partitions.size()];
    for (int i = 0; i < partitions.size(); i++) {
      PartitionSpec partition = partitions.get(i);
      sources[i] = contract.indexOf(partition.source());
      if (sources[i] < 0) {
        throw new IllegalArgumentException(
            "Cannot partition dataset "
                + contract.name()
                + " by "
                + partition.name()
                + ": no column "
                + partition.source());
      }
      ColumnSpec column = contract.columns().get(sources[i]);
      checkTransform(contract.name(), partition, column);
    }
  }

  /** The path of one row; empty when the dataset is not partitioned. */
  public static String of(DatasetContract contract, Object[] values) {
    return new PartitionPath(contract).pathOf(values);
  }

  /** Whether the dataset has partitions at all. */
  public boolean isPartitioned() {
    return !partitions.isEmpty();
  }

  /**
   * The path of one row (values typed, in contract column order). Paths of recently seen partition
   * values are cached, so an instance is not thread-safe.
   *
   * @throws IllegalArgumentException when a partition source value is missing
   */
  public String pathOf(Object[] values) {
    if (partitions.isEmpty()) {
      return "";
    }
    Object key;
    if (partitions.size() == 1) {
      key = transformed(0, values);
    } else {
      Object[] levels = new Object[partitions.size()];
      for (int i = 0; i < levels.length; i++) {
        levels[i] = transformed(i, values);
      }
      key = Arrays.asList(levels);
    }
    String path = cache.get(key);
    if (path == null) {
      path = format(key);
      if (cache.size() >= CACHE_SIZE) {
        cache.clear();
      }
      cache.put(key, path);
    }
    return path;
  }

  private Object transformed(int level, Object[] values) {
    PartitionSpec partition = partitions.get(level);
    Object value = values[sources[level]];
    if (value == null) {
      throw new IllegalArgumentException(
          "Cannot partition row by "
              + partition.name()
              + ": column "
              + partition.source()
              + " has no value");
    }
    if (partition.transform() == PartitionSpec.Transform.IDENTITY) {
      return value;
    }
    LocalDate date =
        value instanceof Instant instant
            ? LocalDate.ofInstant(instant, ZoneOffset.UTC)
            : (LocalDate) value;
    return switch (partition.transform()) {
      case MONTH -> YearMonth.from(date);
      case YEAR -> Year.from(date);
      default -> date;
    };
  }

  private String format(Object key) {
    List<?> levels = key instanceof List<?> list ? list : List.of(key);
    StringBuilder path = new StringBuilder(32);
    for (int i = 0; i < levels.size(); i++) {
      if (i > 0) {
        path.append('/');
      }
      path.append(partitions.get(i).name()).append('=').append(escape(text(levels.get(i))));
    }
    return path.toString();
  }

  /** Escapes a partition value like Hive's {@code FileUtils.escapePathName}. */
  public static String escape(String value) {
    if (value.isEmpty()) {
      return HIVE_DEFAULT_PARTITION;
    }
    StringBuilder escaped = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (PartitionPathRules.needsEscaping(c)) {
        if (escaped == null) {
          escaped = new StringBuilder(value.length() + 8).append(value, 0, i);
        }
        escaped.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        escaped.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      } else if (escaped != null) {
        escaped.append(c);
      }
    }
    return escaped == null ? value : escaped.toString();
  }

  /**
   * The values of a partition path, unescaped, in level order: {@code a=x/b=y%2Fz} gives {@code [x,
   * y/z]}; Hive's default partition name gives the empty string.
   */
  public static List<String> values(String path) {
    List<String> values = new java.util.ArrayList<>();
    for (String level : path.split("/")) {
      int equals = level.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("Not a partition path: '" + path + "'");
      }
      values.add(unescape(level.substring(equals + 1)));
    }
    return values;
  }

  /** Reverses {@link #escape(String)}. */
  public static String unescape(String value) {
    if (value.equals(HIVE_DEFAULT_PARTITION)) {
      return "";
    }
    StringBuilder text = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%'
          && i + 2 < value.length()
          && isHex(value.charAt(i + 1))
          && isHex(value.charAt(i + 2))) {
        text.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  private static String text(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  private static void checkTransform(String dataset, PartitionSpec partition, ColumnSpec column) {
    boolean temporal =
        switch (column.type().kind()) {
          case DATE, TIMESTAMP -> true;
          default -> false;
        };
    if (partition.transform() != PartitionSpec.Transform.IDENTITY && !temporal) {
      throw new IllegalArgumentException(
          "Cannot partition dataset "
              + dataset
              + " by "
              + partition.name()
              + ": transform "
              + partition.transform()
              + " needs a date or timestamp column, "
              + column.name()
              + " is "
              + column.type());
    }
  }
}
