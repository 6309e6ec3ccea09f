package io.strata.core.ingest;

import io.strata.core.parse.RawRecord;
import io.strata.core.parse.RecordStream;
import io.strata.core.validate.KeyTracker;
import io.strata.core.validate.RowValidator;
import io.strata.core.validate.Violation;
import java.util.List;

/**
 * Up to {@link #CAPACITY} records read ahead and validated, whose business keys are then checked
 * together ({@link KeyTracker#firstSeen(Object[][], int, boolean[])}), so the cache misses of the
 * key table overlap. The caller handles the records in file order, exactly as if each had been
 * read, validated and checked on its own; a read that fails part-way keeps its failure until the
 * records before it are handled.
 */
final class ValidatedBlock {

  static final int CAPACITY = 64;

  /** Builds the violation for a row whose key was seen before. */
  @FunctionalInterface
  interface DuplicateKey {
    Violation of(long line, Object[] values);
  }

  private final RawRecord[] records = new RawRecord[CAPACITY];
  private final Object[][] values;
  private final List<?>[] violations = new List<?>[CAPACITY];
  private final Object[][] valid = new Object[CAPACITY][];
  private final int[] validIndex = new int[CAPACITY];
  private final boolean[] first = new boolean[CAPACITY];
  private int size;
  private RuntimeException failure;

  ValidatedBlock(int columns) {
    this.values = new Object[CAPACITY][columns];
  }

  /**
   * Reads the next records (at most {@link #CAPACITY}), validates each and checks the keys of the
   * valid ones.
   *
   * @return false at the end of the stream, when there is nothing left to handle
   */
  boolean fill(
      RecordStream stream, RowValidator validator, KeyTracker keys, DuplicateKey duplicate) {
    size = 0;
    int validCount = 0;
    try {
      for (RawRecord record = size < CAPACITY ? stream.next() : null;
          record != null;
          record = size < CAPACITY ? stream.next() : null) {
        records[size] = record;
        List<Violation> found = validator.validate(record, values[size]);
        violations[size] = found;
        if (found.isEmpty()) {
          valid[validCount] = values[size];
          validIndex[validCount++] = size;
        }
        size++;
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    keys.firstSeen(valid, validCount, first);
    for (int i = 0; i < validCount; i++) {
      if (!first[i]) {
        int row = validIndex[i];
        violations[row] = List.of(duplicate.of(records[row].line(), values[row]));
      }
    }
    return size > 0 || failure != null;
  }

  int size() {
    return size;
  }

  RawRecord record(int i) {
    return records[i];
  }

  /** The row's typed values in contract order (valid rows only are complete). */
  Object[] values(int i) {
    return values[i];
  }

  /** The rules row i broke, the repeated key included; empty when it is valid. */
  @SuppressWarnings("unchecked")
  List<Violation> violations(int i) {
    return (List<Violation>) violations[i];
  }

  /** Throws what ended the read, once the records before it are handled. */
  void rethrowFailure() {
    RuntimeException e = failure;
    if (e != null) {
      failure = null;
      throw e;
    }
  }
}
