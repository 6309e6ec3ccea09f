package io.strata.core.materialize;

import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.types.Types;

/**
 * Makes a materialized table's schema that of the report's latest result (an edited report, or a
 * dataset whose contract widened a column): columns the result no longer has, or has under another
 * type, are dropped and added again, then ordered as the result orders them. Every refresh
 * overwrites every row, so no old value needs to be read under the new schema.
 */
final class ResultTableSchema {

  private ResultTableSchema() {}

  /** Aligns the table's schema with {@code wanted} in one metadata commit, if they differ. */
  static void align(Table table, Schema wanted) {
    Schema current = table.schema();
    if (same(current, wanted)) {
      return;
    }
    Transaction transaction = table.newTransaction();
    UpdateSchema drop = transaction.updateSchema();
    boolean dropped = false;
    for (Types.NestedField field : current.columns()) {
      Types.NestedField kept = wanted.findField(field.name());
      if (kept == null || !kept.type().equals(field.type())) {
        drop.deleteColumn(field.name());
        dropped = true;
      }
    }
    if (dropped) {
      drop.commit();
    }
    UpdateSchema add = transaction.updateSchema().allowIncompatibleChanges();
    List<Types.NestedField> columns = wanted.columns();
    for (Types.NestedField field : columns) {
      if (current.findField(field.name()) == null
          || !current.findField(field.name()).type().equals(field.type())) {
        if (field.isOptional()) {
          add.addColumn(field.name(), field.type());
        } else {
          add.addRequiredColumn(field.name(), field.type());
        }
      }
    }
    add.moveFirst(columns.get(0).name());
    for (int i = 1; i < columns.size(); i++) {
      add.moveAfter(columns.get(i).name(), columns.get(i - 1).name());
    }
    add.commit();
    transaction.commitTransaction();
  }

  /** Same names, types and order; field ids may differ. */
  private static boolean same(Schema a, Schema b) {
    List<Types.NestedField> left = a.columns();
    List<Types.NestedField> right = b.columns();
    if (left.size() != right.size()) {
      return false;
    }
    for (int i = 0; i < left.size(); i++) {
      if (!left.get(i).name().equals(right.get(i).name())
          || !left.get(i).type().equals(right.get(i).type())) {
        return false;
      }
    }
    return true;
  }
}
