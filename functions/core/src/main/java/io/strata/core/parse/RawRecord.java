package io.strata.core.parse;

/**
 * One record as read from a raw file, before validation.
 *
 * @param line the 1-based physical line where the record starts (the header is line 1 of a CSV)
 * @param values raw text per contract column, in contract order; null where the value is absent
 *     (empty CSV field, missing or null JSON member)
 * @param problem why the record could not be read as a whole (ragged row, malformed JSON, a value
 *     that is not a scalar), or null; {@code values} is then meaningless
 * @param problemColumn the column the problem concerns, or null when it concerns the record
 */
public record RawRecord(long line, String[] values, String problem, String problemColumn) {

  public boolean readable() {
    return problem == null;
  }
}
