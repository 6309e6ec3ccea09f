package io.strata.core.current;

import io.strata.core.contract.DatasetContract;
import io.strata.core.history.ParquetSchemas;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;

/**
 * Which of a business key's versions is current, exactly as the query layer's derived current view
 * ranks them ({@code io.strata.core.query.SqlCompiler}): greatest {@code sequence_by} value if the
 * contract has one, then latest {@code _ingested_at}, then greatest {@code _batch_id}, then
 * greatest {@code _source_line}; a null ranks below every value (both engines sort {@code DESC
 * NULLS LAST}); strings compare by code point, as SQL engines compare UTF-8. Because the current
 * version is the greatest under this order, applying a batch is a maximum: the same in any order,
 * and applying it twice changes nothing.
 */
final class VersionOrder {

  private VersionOrder() {}

  /** Orders versions oldest first: the current one is the greatest. */
  static Comparator<Record> of(DatasetContract contract, Schema schema) {
    List<String> columns = new ArrayList<>();
    if (contract.sequenceBy() != null) {
      columns.add(contract.sequenceBy());
    }
    columns.add(ParquetSchemas.INGESTED_AT);
    columns.add(ParquetSchemas.BATCH_ID);
    columns.add(ParquetSchemas.SOURCE_LINE);
    return byColumns(columns, schema);
  }

  /** Orders rows by the business key, to write files with narrow key bounds. */
  static Comparator<Record> byKey(DatasetContract contract, Schema schema) {
    return byColumns(contract.key(), schema);
  }

  private static Comparator<Record> byColumns(List<String> columns, Schema schema) {
    Comparator<Record> order = (a, b) -> 0;
    for (String column : columns) {
      int position = position(schema, column);
      order = order.thenComparing(r -> r.get(position), VersionOrder::compareValues);
    }
    return order;
  }

  static int position(Schema schema, String column) {
    List<org.apache.iceberg.types.Types.NestedField> fields = schema.columns();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("Cannot order by column " + column + ": not in the table");
  }

  /** Nulls first (lowest); strings by code point; everything else by its natural order. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof CharSequence x && b instanceof CharSequence y) {
      return codePoints(x.toString(), y.toString());
    }
    if (a instanceof java.time.OffsetDateTime x && b instanceof java.time.OffsetDateTime y) {
      return x.toInstant().compareTo(y.toInstant());
    }
    return ((Comparable) a).compareTo(b);
  }

  private static int codePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
