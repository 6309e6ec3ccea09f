package io.strata.core.quality;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.Pii;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link BatchProfile} while the accepted rows stream past, in the same pass that writes
 * them: {@link #add} takes each row's typed values as history stores them (PII already protected).
 * Columns the contract drops are never profiled. Profilers of the parts of one batch (byte ranges,
 * micro-batches) {@link #merge} into the profile of the whole. Not thread-safe: one per writer.
 */
public final class BatchProfiler {

  /** The version of {@link #toBytes}' layout. */
  private static final int FORMAT = 2;

  private final int[] indexes;
  private final ColumnProfiler[] columns;
  private long rows;

  public BatchProfiler(DatasetContract contract) {
    List<ColumnSpec> specs = contract.columns();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).pii().mode() != Pii.PiiMode.DROP) {
        kept.add(i);
      }
    }
    this.indexes = kept.stream().mapToInt(Integer::intValue).toArray();
    this.columns = new ColumnProfiler[indexes.length];
    for (int c = 0; c < indexes.length; c++) {
      ColumnSpec spec = specs.get(indexes[c]);
      boolean wholeKey = contract.key().equals(List.of(spec.name()));
      columns[c] = new ColumnProfiler(spec, wholeKey);
    }
  }

  /** Counts one accepted row, given its typed values in contract order. */
  public void add(Object[] values) {
    rows++;
    for (int c = 0; c < columns.length; c++) {
      columns[c].add(values[indexes[c]]);
    }
  }

  /**
   * Adds the rows another profiler of the same contract saw, as if this one had seen them too.
   *
   * @throws IllegalArgumentException when the other profiler profiles other columns
   */
  public BatchProfiler merge(BatchProfiler other) {
    if (other.columns.length != columns.length) {
      throw new IllegalArgumentException(
          "Cannot merge batch profiles: one has "
              + columns.length
              + " columns, the other "
              + other.columns.length);
    }
    for (int c = 0; c < columns.length; c++) {
      if (!columns[c].name().equals(other.columns[c].name())) {
        throw new IllegalArgumentException(
            "Cannot merge batch profiles: column "
                + c
                + " is "
                + columns[c].name()
                + " in one and "
                + other.columns[c].name()
                + " in the other");
      }
      columns[c].merge(other.columns[c]);
    }
    rows += other.rows;
    return this;
  }

  /**
   * What this profiler counted, as bytes another process turns back into a profiler with {@link
   * #fromBytes} (a byte range's worker hands its part to the commit of the whole file). The format
   * is internal: both sides run the same code.
   */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT);
      out.writeInt(columns.length);
      out.writeLong(rows);
      for (ColumnProfiler column : columns) {
        out.writeUTF(column.name());
        column.writeTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The profiler whose {@link #toBytes} these are, for the contract it profiled.
   *
   * @throws IllegalArgumentException when the bytes are no profiler state of this contract's
   *     columns
   */
  public static BatchProfiler fromBytes(DatasetContract contract, byte[] state) {
    BatchProfiler profiler = new BatchProfiler(contract);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      int format = in.readInt();
      int columns = in.readInt();
      if (format != FORMAT || columns != profiler.columns.length) {
        throw new IllegalArgumentException(
            "Cannot read a batch profile of "
                + contract.name()
                + ": format "
                + format
                + " with "
                + columns
                + " columns, expected format "
                + FORMAT
                + " with "
                + profiler.columns.length);
      }
      profiler.rows = in.readLong();
      for (ColumnProfiler column : profiler.columns) {
        String name = in.readUTF();
        if (!name.equals(column.name())) {
          throw new IllegalArgumentException(
              "Cannot read a batch profile of "
                  + contract.name()
                  + ": column "
                  + name
                  + " where "
                  + column.name()
                  + " is expected");
        }
        column.readFrom(in);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read a batch profile of " + contract.name() + ": " + e.getMessage(), e);
    }
    return profiler;
  }

  /** The rows counted so far. */
  public long rows() {
    return rows;
  }

  /** The profile of the rows counted so far. */
  public BatchProfile profile() {
    Map<String, ColumnStats> stats = new LinkedHashMap<>();
    for (ColumnProfiler column : columns) {
      stats.put(column.name(), column.stats());
    }
    return new BatchProfile(rows, stats);
  }
}
