package io.strata.core.table;

import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.SchemaEvolution;
import io.strata.core.history.ParquetSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Decides how a stored table must change for a contract, under the contract's schema-evolution
 * policy. Pure: it reads the table's schema, spec and properties and returns a {@link TableChange};
 * {@link HistoryTables} applies it with Iceberg's {@code UpdateSchema}.
 *
 * <ul>
 *   <li>{@code additive}: new optional columns are added (before the lineage columns), {@code int}
 *       widens to {@code long}, a decimal's precision grows at the same scale, a column may stop
 *       being required. Anything else (a removed column, another type change, a new required
 *       column, other partitions) is refused.
 *   <li>{@code strict}: the columns and partitions must stay exactly as they are.
 *   <li>A contract older than the one that last changed the table (a writer that has not seen the
 *       new contract yet) never changes the table; it is accepted when every column it writes
 *       exists in the table with the same or a wider type, so no writer can undo another's column.
 *   <li>A table whose lineage columns are missing or of another type was not made by Strata: it is
 *       refused, whatever the policy.
 * </ul>
 */
public final class TableEvolution {

  private TableEvolution() {}

  /** The change the stored table needs to serve {@code contract}. */
  public static TableChange decide(
      Schema stored, PartitionSpec storedSpec, Map<String, String> properties, DatasetContract c) {
    String table = c.name();
    Schema wanted = TableSchemas.schema(c);
    for (String lineage : ParquetSchemas.LINEAGE_COLUMNS) {
      Types.NestedField have = stored.findField(lineage);
      Types.NestedField want = wanted.findField(lineage);
      if (have == null || !have.type().equals(want.type())) {
        return new TableChange.Refused(
            "table "
                + table
                + " was not created by Strata: its lineage column "
                + lineage
                + (have == null ? " is missing" : " has type " + have.type())
                + ", expected "
                + want.type());
      }
    }
    String storedPartitions = describe(storedSpec, stored);
    String wantedPartitions = describe(TableSchemas.spec(c, wanted), wanted);
    if (!storedPartitions.equals(wantedPartitions)) {
      return new TableChange.Refused(
          "partitions of table "
              + table
              + " cannot change from "
              + storedPartitions
              + " to "
              + wantedPartitions);
    }
    int storedVersion = contractVersion(properties);
    if (c.version() < storedVersion) {
      return staleWriter(stored, wanted, c, storedVersion);
    }
    boolean strict = c.schemaEvolution() == SchemaEvolution.STRICT;
    List<TableChange.NewColumn> added = new ArrayList<>();
    Map<String, Type.PrimitiveType> widened = new LinkedHashMap<>();
    List<String> madeOptional = new ArrayList<>();
    Map<String, String> docs = new LinkedHashMap<>();
    for (Types.NestedField column : wanted.columns()) {
      Types.NestedField existing = stored.findField(column.name());
      if (existing == null) {
        if (column.isRequired() && !strict) {
          return new TableChange.Refused(
              "new column "
                  + column.name()
                  + " of table "
                  + table
                  + " is required, but rows written before it have no value:"
                  + " declare it required: false");
        }
        added.add(new TableChange.NewColumn(column.name(), column.type(), column.doc()));
        continue;
      }
      if (!existing.type().equals(column.type())) {
        if (strict || !widens(existing.type(), column.type())) {
          return new TableChange.Refused(
              "column "
                  + column.name()
                  + " of table "
                  + table
                  + " cannot change type from "
                  + existing.type()
                  + " to "
                  + column.type()
                  + ": "
                  + policyText(c));
        }
        widened.put(column.name(), column.type().asPrimitiveType());
      }
      if (existing.isRequired() && column.isOptional()) {
        if (strict) {
          return new TableChange.Refused(
              "column "
                  + column.name()
                  + " of table "
                  + table
                  + " cannot stop being required: "
                  + policyText(c));
        }
        madeOptional.add(column.name());
      }
      if (!Objects.equals(existing.doc(), column.doc()) && column.doc() != null) {
        docs.put(column.name(), column.doc());
      }
    }
    for (Types.NestedField column : stored.columns()) {
      if (wanted.findField(column.name()) == null) {
        return new TableChange.Refused(
            "column "
                + column.name()
                + " of table "
                + table
                + " is missing from contract "
                + c.name()
                + " v"
                + c.version()
                + ": columns are never removed, the history still holds them");
      }
    }
    if (strict && !added.isEmpty()) {
      return new TableChange.Refused(
          "table "
              + table
              + " cannot gain columns "
              + added.stream().map(TableChange.NewColumn::name).toList()
              + ": "
              + policyText(c));
    }
    Map<String, String> changedProperties = new LinkedHashMap<>();
    TableSchemas.properties(c)
        .forEach(
            (key, value) -> {
              // The format version is the metadata's own, never a stored property.
              if (!key.equals(TableProperties.FORMAT_VERSION)
                  && !value.equals(properties.get(key))) {
                changedProperties.put(key, value);
              }
            });
    if (added.isEmpty()
        && widened.isEmpty()
        && madeOptional.isEmpty()
        && docs.isEmpty()
        && changedProperties.isEmpty()) {
      return new TableChange.Unchanged();
    }
    return new TableChange.Update(
        added,
        widened,
        madeOptional,
        docs,
        changedProperties,
        summary(storedVersion, c, added, widened, madeOptional));
  }

  private static TableChange staleWriter(
      Schema stored, Schema wanted, DatasetContract contract, int storedVersion) {
    String writer = "contract " + contract.name() + " v" + contract.version();
    String reader = "table " + contract.name() + " (contract v" + storedVersion + ")";
    for (Types.NestedField column : wanted.columns()) {
      Types.NestedField existing = stored.findField(column.name());
      if (existing == null) {
        return new TableChange.Refused(
            writer + " writes column " + column.name() + ", which " + reader + " does not have");
      }
      if (!existing.type().equals(column.type()) && !widens(column.type(), existing.type())) {
        return new TableChange.Refused(
            writer
                + " writes column "
                + column.name()
                + " as "
                + column.type()
                + ", which "
                + reader
                + " cannot read as "
                + existing.type());
      }
      if (existing.isRequired() && column.isOptional()) {
        return new TableChange.Refused(
            writer
                + " may leave column "
                + column.name()
                + " empty, which "
                + reader
                + " requires");
      }
    }
    return new TableChange.Unchanged();
  }

  /** Whether every value of type {@code from} reads unchanged as type {@code to}. */
  static boolean widens(Type from, Type to) {
    if (from.typeId() == Type.TypeID.INTEGER && to.typeId() == Type.TypeID.LONG) {
      return true;
    }
    if (from instanceof Types.DecimalType source && to instanceof Types.DecimalType target) {
      return source.scale() == target.scale() && target.precision() > source.precision();
    }
    return false;
  }

  /** The contract version a table records; 0 when it records none. */
  static int contractVersion(Map<String, String> properties) {
    try {
      return Integer.parseInt(properties.getOrDefault(TableSchemas.CONTRACT_VERSION, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The partitions as {@code [name=transform(source), …]}, comparable across tables. */
  static String describe(PartitionSpec spec, Schema schema) {
    List<String> fields = new ArrayList<>();
    for (PartitionField field : spec.fields()) {
      Types.NestedField source = schema.findField(field.sourceId());
      fields.add(
          field.name()
              + "="
              + field.transform()
              + "("
              + (source == null ? "#" + field.sourceId() : source.name())
              + ")");
    }
    return fields.toString();
  }

  private static String policyText(DatasetContract contract) {
    return contract.schemaEvolution() == SchemaEvolution.STRICT
        ? "schema_evolution is strict, the table must stay as it is"
        : "additive evolution allows only new optional columns, int to long and a larger"
            + " decimal precision";
  }

  private static String summary(
      int storedVersion,
      DatasetContract contract,
      List<TableChange.NewColumn> added,
      Map<String, Type.PrimitiveType> widened,
      List<String> madeOptional) {
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) {
      parts.add("added columns " + added.stream().map(TableChange.NewColumn::name).toList());
    }
    if (!widened.isEmpty()) {
      parts.add("widened columns " + List.copyOf(widened.keySet()));
    }
    if (!madeOptional.isEmpty()) {
      parts.add("columns no longer required " + madeOptional);
    }
    if (contract.version() != storedVersion) {
      parts.add("contract v" + storedVersion + " -> v" + contract.version());
    }
    if (parts.isEmpty()) {
      parts.add("descriptions and properties");
    }
    return String.join("; ", parts);
  }
}
