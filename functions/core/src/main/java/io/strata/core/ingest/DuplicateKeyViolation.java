package io.strata.core.ingest;

import io.strata.core.contract.DatasetContract;
import io.strata.core.validate.PiiProtector;
import io.strata.core.validate.Violation;

/** The violation of a row whose business key repeats one seen earlier, its key PII-protected. */
final class DuplicateKeyViolation {

  private DuplicateKeyViolation() {}

  /**
   * @param scope where the key was seen before, for the message ("file", "batch")
   */
  static Violation of(
      DatasetContract contract, PiiProtector pii, long line, Object[] values, String scope) {
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
        columns + ": '" + key + "' repeats a business key seen earlier in the " + scope);
  }
}
