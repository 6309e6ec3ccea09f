package io.strata.core.ingest;

import io.strata.core.contract.DatasetContract;
import io.strata.core.validate.PiiProtector;
import io.strata.core.validate.Violation;

/**
 * The violation of a row whose business key an earlier row of the file holds: the same words
 * whether the file is read whole or in ranges. Key values are PII-protected as their columns say.
 */
final class DuplicateKeys {

  private DuplicateKeys() {}

  static Violation violation(
      DatasetContract contract, PiiProtector pii, long line, Object[] values) {
    StringBuilder key = new StringBuilder();
    for (String column : contract.key()) {
      int i = contract.indexOf(column);
      String text = values[i] == null ? "" : values[i].toString();
      if (key.length() > 0) {
        key.append(", ");
      }
      key.append(pii.protect(contract.columns().get(i), text));
    }
    String columns = String.join(", ", contract.key());
    return new Violation(
        line,
        columns,
        "unique_key",
        key.toString(),
        columns + ": '" + key + "' repeats a business key seen earlier in the file");
  }
}
