package io.strata.core.validate;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.DatasetContract;
import io.strata.core.parse.RawRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks one raw record against its contract and converts every value to its typed form (see {@link
 * io.strata.core.contract.ColumnType}). Valid input costs no exception and no allocation beyond the
 * typed values. Holds reusable state: one validator per ingest, not shared across threads.
 */
public final class RowValidator {

  private final ColumnCheck[] checks;
  private final PiiProtector pii;
  private final ValueParser parser = new ValueParser();

  public RowValidator(DatasetContract contract, PiiProtector pii) {
    this.pii = pii;
    List<ColumnSpec> columns = contract.columns();
    this.checks = new ColumnCheck[columns.size()];
    for (int i = 0; i < checks.length; i++) {
      checks[i] = new ColumnCheck(columns.get(i));
    }
  }

  /**
   * Validates the record and writes the typed values into {@code out} (contract order; null where
   * absent or invalid).
   *
   * @return every broken rule of the record; empty when the record is valid
   */
  public List<Violation> validate(RawRecord record, Object[] out) {
    if (!record.readable()) {
      return List.of(
          new Violation(
              record.line(), record.problemColumn(), "malformed_record", null, record.problem()));
    }
    List<Violation> violations = null;
    String[] values = record.values();
    for (int i = 0; i < checks.length; i++) {
      ColumnCheck check = checks[i];
      String raw = values[i];
      out[i] = null;
      if (raw == null) {
        if (check.spec.required()) {
          violations = add(violations, record, check, "required", null, "a value is required");
        }
        continue;
      }
      if (check.pattern != null && !check.pattern.matches(raw)) {
        violations =
            add(
                violations,
                record,
                check,
                "pattern",
                raw,
                "does not match " + check.pattern.pattern());
      }
      if (!check.allowed.isEmpty() && !check.allowed.contains(raw)) {
        violations =
            add(violations, record, check, "allowed", raw, "is not one of " + check.allowedList);
      }
      if (raw.length() > check.maxLength) {
        int length = raw.codePointCount(0, raw.length());
        if (length > check.maxLength) {
          violations =
              add(
                  violations,
                  record,
                  check,
                  "max_length",
                  raw,
                  "has " + length + " characters, more than " + check.maxLength);
        }
      }
      Object typed = convert(check, raw);
      if (typed == null) {
        violations =
            add(violations, record, check, "type", raw, "is not a " + check.typeDescription);
        continue;
      }
      if (check.hasMin && check.compareToMin(typed) < 0) {
        violations =
            add(violations, record, check, "min", raw, "is less than the minimum " + check.minText);
      }
      if (check.hasMax && check.compareToMax(typed) > 0) {
        violations =
            add(
                violations,
                record,
                check,
                "max",
                raw,
                "is greater than the maximum " + check.maxText);
      }
      out[i] = typed;
    }
    return violations == null ? List.of() : violations;
  }

  private Object convert(ColumnCheck check, String raw) {
    return switch (check.kind) {
      case STRING -> raw;
      case BOOLEAN -> ValueParser.parseBoolean(raw);
      case INT -> {
        long value = parser.parseLong(raw) ? parser.longValue() : Long.MIN_VALUE;
        yield value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
            ? (Integer) (int) value
            : null;
      }
      case LONG -> parser.parseLong(raw) ? (Long) parser.longValue() : null;
      case DOUBLE -> ValueParser.parseDouble(raw);
      case DECIMAL ->
          ValueParser.parseDecimal(raw, check.spec.type().precision(), check.spec.type().scale());
      case DATE, TIMESTAMP -> check.temporal.parse(raw);
    };
  }

  private List<Violation> add(
      List<Violation> violations,
      RawRecord record,
      ColumnCheck check,
      String rule,
      String raw,
      String reason) {
    List<Violation> result = violations == null ? new ArrayList<>(2) : violations;
    String name = check.spec.name();
    String shown = raw == null ? null : pii.protect(check.spec, raw);
    String message = shown == null ? name + ": " + reason : name + ": '" + shown + "' " + reason;
    result.add(new Violation(record.line(), name, rule, shown, message));
    return result;
  }
}
