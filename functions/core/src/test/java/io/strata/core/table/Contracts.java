package io.strata.core.table;

import io.strata.core.contract.ContractLoader;
import io.strata.core.contract.DatasetContract;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Contracts for table tests: the demo datasets, and YAML written in the test. */
final class Contracts {

  private Contracts() {}

  static DatasetContract demo(String name) {
    return ContractLoader.load(Path.of("../../datasets", name + ".yaml"));
  }

  /** Parses a contract whose file is named after its {@code name:} line, as the loader wants. */
  static DatasetContract yaml(String text) {
    Matcher name = Pattern.compile("(?m)^name: (\\S+)$").matcher(text);
    String file = (name.find() ? name.group(1) : "unnamed") + ".yaml";
    return ContractLoader.parse(
        file, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A small {@code orders} contract at {@code version} with {@code evolution} and extra column
   * lines (YAML list items, indented two spaces).
   */
  static DatasetContract orders(int version, String evolution, String extraColumns) {
    return orders(version, evolution, "int", "decimal(10,2)", extraColumns);
  }

  /** The {@code orders} contract with other types for {@code quantity} and {@code price}. */
  static DatasetContract orders(
      int version, String evolution, String quantityType, String priceType, String extraColumns) {
    return yaml(
        """
        name: orders
        version: %d
        format: csv
        columns:
          - {name: order_id, type: string, required: true}
          - {name: order_date, type: date, required: true}
          - {name: quantity, type: %s, required: true}
          - {name: price, type: "%s", required: false}
        %s
        partitions:
          - {name: order_date, source: order_date}
        schema_evolution: %s
        """
            .formatted(version, quantityType, priceType, extraColumns, evolution));
  }
}
