package io.strata.core.catalog;

import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.SchemaEvolution;
import io.strata.core.history.ParquetSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how a stored table must change for a contract, under the contract's schema-evolution
 * policy. Pure.
 *
 * <ul>
 *   <li>{@code additive}: new nullable columns are added (before the lineage columns), {@code int}
 *       widens to {@code bigint}, a decimal's precision grows at the same scale. Anything else (a
 *       removed column, another type change, new partition keys) is refused.
 *   <li>{@code strict}: the columns and partition keys must stay exactly as they are.
 *   <li>A contract older than the one that last changed the table (a writer that has not seen the
 *       new contract yet) never changes the table; it is accepted when every column it writes
 *       exists in the table with the same or a wider type, so no writer can undo another's column.
 * </ul>
 */
public final class TableEvolution {

  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");

  private TableEvolution() {}

  /**
   * The change {@code stored} needs to serve {@code contract}, whose own table is {@code wanted}.
   */
  public static TableChange decide(
      CatalogTable stored, CatalogTable wanted, DatasetContract contract) {
    String table = stored.name();
    if (!sameKeys(stored.partitionKeys(), wanted.partitionKeys())) {
      return new TableChange.Refused(
          "partition keys of table "
              + table
              + " cannot change from "
              + describe(stored.partitionKeys())
              + " to "
              + describe(wanted.partitionKeys()));
    }
    if (contract.version() < stored.contractVersion()) {
      return staleWriter(stored, wanted, contract);
    }
    boolean strict = contract.schemaEvolution() == SchemaEvolution.STRICT;
    List<String> added = new ArrayList<>();
    List<String> widened = new ArrayList<>();
    Map<String, CatalogColumn> merged = new LinkedHashMap<>();
    for (CatalogColumn column : stored.columns()) {
      merged.put(column.name(), column);
    }
    List<CatalogColumn> newColumns = new ArrayList<>();
    for (CatalogColumn column : wanted.columns()) {
      Optional<CatalogColumn> existing = stored.column(column.name());
      if (existing.isEmpty()) {
        Optional<String> refusal = refuseNewColumn(contract, column);
        if (refusal.isPresent()) {
          return new TableChange.Refused(refusal.get());
        }
        newColumns.add(column);
        added.add(column.name());
      } else if (!existing.get().type().equals(column.type())) {
        if (strict || !widens(existing.get().type(), column.type())) {
          return new TableChange.Refused(
              "column "
                  + column.name()
                  + " of table "
                  + table
                  + " cannot change type from "
                  + existing.get().type()
                  + " to "
                  + column.type()
                  + ": "
                  + policyText(contract));
        }
        merged.put(column.name(), column);
        widened.add(column.name());
      } else if (!existing.get().comment().equals(column.comment())) {
        merged.put(column.name(), column);
      }
    }
    for (CatalogColumn column : stored.columns()) {
      if (wanted.column(column.name()).isEmpty()) {
        return new TableChange.Refused(
            "column "
                + column.name()
                + " of table "
                + table
                + " is missing from contract "
                + contract.name()
                + " v"
                + contract.version()
                + ": columns are never removed, the history still holds them");
      }
    }
    if (strict && !added.isEmpty()) {
      return new TableChange.Refused(
          "table " + table + " cannot gain columns " + added + ": " + policyText(contract));
    }
    List<CatalogColumn> columns = withNewColumns(new ArrayList<>(merged.values()), newColumns);
    CatalogTable updated =
        new CatalogTable(
            stored.name(),
            wanted.description(),
            columns,
            stored.partitionKeys(),
            wanted.location(),
            mergedParameters(stored, wanted),
            stored.version());
    if (updated.equals(stored)) {
      return new TableChange.Unchanged();
    }
    return new TableChange.Update(updated, summary(stored, contract, added, widened));
  }

  private static TableChange staleWriter(
      CatalogTable stored, CatalogTable wanted, DatasetContract contract) {
    for (CatalogColumn column : wanted.columns()) {
      Optional<CatalogColumn> existing = stored.column(column.name());
      if (existing.isEmpty()) {
        return new TableChange.Refused(
            "contract "
                + contract.name()
                + " v"
                + contract.version()
                + " writes column "
                + column.name()
                + ", which table "
                + stored.name()
                + " (contract v"
                + stored.contractVersion()
                + ") does not have");
      }
      String storedType = existing.get().type();
      if (!storedType.equals(column.type()) && !widens(column.type(), storedType)) {
        return new TableChange.Refused(
            "contract "
                + contract.name()
                + " v"
                + contract.version()
                + " writes column "
                + column.name()
                + " as "
                + column.type()
                + ", which table "
                + stored.name()
                + " (contract v"
                + stored.contractVersion()
                + ") cannot read as "
                + storedType);
      }
    }
    return new TableChange.Unchanged();
  }

  private static Optional<String> refuseNewColumn(DatasetContract contract, CatalogColumn column) {
    if (contract.schemaEvolution() == SchemaEvolution.STRICT) {
      return Optional.empty(); // reported together with every other added column
    }
    boolean required = contract.column(column.name()).map(c -> c.required()).orElse(false);
    if (required) {
      return Optional.of(
          "new column "
              + column.name()
              + " of table "
              + contract.name()
              + " is required, but rows written before it have no value:"
              + " declare it required: false");
    }
    return Optional.empty();
  }

  /** Whether every value of type {@code from} reads unchanged as type {@code to}. */
  static boolean widens(String from, String to) {
    if (from.equals("int") && to.equals("bigint")) {
      return true;
    }
    Matcher source = DECIMAL.matcher(from);
    Matcher target = DECIMAL.matcher(to);
    return source.matches()
        && target.matches()
        && source.group(2).equals(target.group(2))
        && Integer.parseInt(target.group(1)) > Integer.parseInt(source.group(1));
  }

  private static List<CatalogColumn> withNewColumns(
      List<CatalogColumn> columns, List<CatalogColumn> newColumns) {
    int lineage = columns.size();
    for (int i = 0; i < columns.size(); i++) {
      if (ParquetSchemas.LINEAGE_COLUMNS.contains(columns.get(i).name())) {
        lineage = i;
        break;
      }
    }
    columns.addAll(lineage, newColumns);
    return columns;
  }

  /**
   * The stored parameters (others may have added their own) overlaid with the contract's; the
   * projection settings are entirely the contract's.
   */
  private static Map<String, String> mergedParameters(CatalogTable stored, CatalogTable wanted) {
    Map<String, String> parameters = new LinkedHashMap<>(stored.parameters());
    parameters
        .keySet()
        .removeIf(k -> k.startsWith("projection.") || k.equals("storage.location.template"));
    parameters.putAll(wanted.parameters());
    return parameters;
  }

  private static boolean sameKeys(List<CatalogColumn> stored, List<CatalogColumn> wanted) {
    if (stored.size() != wanted.size()) {
      return false;
    }
    for (int i = 0; i < stored.size(); i++) {
      if (!stored.get(i).name().equals(wanted.get(i).name())
          || !stored.get(i).type().equals(wanted.get(i).type())) {
        return false;
      }
    }
    return true;
  }

  private static String describe(List<CatalogColumn> keys) {
    return keys.stream().map(k -> k.name() + " " + k.type()).toList().toString();
  }

  private static String policyText(DatasetContract contract) {
    return contract.schemaEvolution() == SchemaEvolution.STRICT
        ? "schema_evolution is strict, the table must stay as it is"
        : "additive evolution allows only new nullable columns, int to bigint and a larger"
            + " decimal precision";
  }

  private static String summary(
      CatalogTable stored, DatasetContract contract, List<String> added, List<String> widened) {
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) {
      parts.add("added columns " + added);
    }
    if (!widened.isEmpty()) {
      parts.add("widened columns " + widened);
    }
    if (contract.version() != stored.contractVersion()) {
      parts.add("contract v" + stored.contractVersion() + " -> v" + contract.version());
    }
    if (parts.isEmpty()) {
      parts.add("descriptions and parameters");
    }
    return String.join("; ", parts);
  }
}
