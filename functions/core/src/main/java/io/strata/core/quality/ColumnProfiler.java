package io.strata.core.quality;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.Pii;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * Accumulates one column's statistics over the typed values of accepted rows, one value at a time,
 * with no allocation (texts are hashed from their characters, see {@link #hash64}). Mergeable:
 * counts add, extremes compare, sketches union, mean and variance combine by Chan et al.'s parallel
 * formula. Not thread-safe.
 */
final class ColumnProfiler {

  /** 2^12 registers: about 1.6% relative error, 4 KiB per column. */
  static final int LG_K = 12;

  /** The significant digits a double holds exactly. */
  private static final int DOUBLE_DIGITS = 15;

  /** Longer text extremes are cut, to keep the snapshot summary small. */
  static final int MAX_TEXT = 64;

  private final ColumnSpec spec;
  private final ColumnType.Kind kind;
  private final boolean protectedValues;
  private final boolean numeric;
  private final boolean decimalAsDouble;
  private HllSketch sketch = new HllSketch(LG_K, TgtHllType.HLL_8);
  private final RecentValues recent = new RecentValues();
  private final Map<String, long[]> allowedCounts;

  private final boolean unique;
  private final boolean sketched;
  private final boolean extremesFromCounts;

  private long nulls;
  private long present;
  private long empties;
  private Comparable<Object> min;
  private Comparable<Object> max;
  private long count;
  private double mean;
  private double m2;

  /**
   * @param unique the column is the contract's whole business key, whose values are unique within a
   *     batch: its distinct count is its count of values, with no sketch
   */
  ColumnProfiler(ColumnSpec spec, boolean unique) {
    this.spec = spec;
    this.kind = spec.type().kind();
    // Hash and mask turn values into text: only the protected text's count and spread are seen.
    this.protectedValues = spec.pii().mode() != Pii.PiiMode.NONE;
    this.numeric =
        !protectedValues
            && (kind == ColumnType.Kind.INT
                || kind == ColumnType.Kind.LONG
                || kind == ColumnType.Kind.DOUBLE
                || kind == ColumnType.Kind.DECIMAL);
    // A double holds 15 significant digits exactly: wider values are hashed by their text.
    this.decimalAsDouble = spec.type().precision() <= DOUBLE_DIGITS;
    this.allowedCounts =
        protectedValues || spec.rules().allowed().isEmpty() ? null : new HashMap<>();
    // Masking may give different keys the same text, so only plain and hashed keys stay unique.
    this.unique = unique && spec.pii().mode() != Pii.PiiMode.MASK;
    this.sketched = allowedCounts == null && !this.unique;
    // The extremes of a text column with allowed values are those of its counted values.
    this.extremesFromCounts = allowedCounts != null && kind == ColumnType.Kind.STRING;
  }

  String name() {
    return spec.name();
  }

  @SuppressWarnings("unchecked")
  void add(Object value) {
    if (value == null) {
      nulls++;
      return;
    }
    present++;
    if (protectedValues) {
      String text = value.toString();
      if (text.isBlank()) {
        empties++;
      }
      if (sketched) {
        distinct(hash64(text));
      }
      return;
    }
    if (!extremesFromCounts) {
      Comparable<Object> comparable = (Comparable<Object>) value;
      if (min == null || comparable.compareTo(min) < 0) {
        min = comparable;
      }
      if (max == null || comparable.compareTo(max) > 0) {
        max = comparable;
      }
    }
    switch (kind) {
      case STRING -> {
        String text = (String) value;
        if (text.isBlank()) {
          empties++;
        }
        if (sketched) {
          distinct(hash64(text));
        }
      }
      case INT -> observe(((Integer) value).longValue());
      case LONG -> observe((Long) value);
      case DOUBLE -> {
        double d = (Double) value;
        distinct(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
        moment(d);
      }
      case DECIMAL -> {
        BigDecimal decimal = (BigDecimal) value;
        double d = decimal.doubleValue();
        if (sketched) {
          // A double holds 15 significant digits exactly; a column's values share its scale, so
          // equal values take the same branch.
          distinct(
              decimalAsDouble || decimal.precision() <= DOUBLE_DIGITS
                  ? Double.doubleToLongBits(d)
                  : hash64(decimal.toPlainString()));
        }
        moment(d);
      }
      case DATE -> distinct(((LocalDate) value).toEpochDay());
      case TIMESTAMP -> {
        Instant instant = (Instant) value;
        distinct(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000);
      }
      case BOOLEAN -> distinct((Boolean) value ? 1L : 0L);
    }
    if (allowedCounts != null) {
      String text = value.toString();
      long[] counted = allowedCounts.get(text);
      if (counted == null) {
        allowedCounts.put(text, new long[] {1});
      } else {
        counted[0]++;
      }
    }
  }

  /**
   * Sets the extremes of a text column with allowed values, which {@link #add} leaves to its
   * counted values: the smallest and the largest of them.
   */
  @SuppressWarnings("unchecked")
  private void settleExtremes() {
    if (!extremesFromCounts) {
      return;
    }
    for (String text : allowedCounts.keySet()) {
      Comparable<Object> value = (Comparable<Object>) (Comparable<?>) text;
      if (min == null || min.compareTo(value) > 0) {
        min = value;
      }
      if (max == null || max.compareTo(value) < 0) {
        max = value;
      }
    }
  }

  private void observe(long value) {
    distinct(value);
    moment(value);
  }

  /**
   * Counts a value for the distinct estimate; a column with allowed values, or the business key, is
   * counted exactly instead, so its sketch stays empty.
   */
  private void distinct(long value) {
    if (sketched && recent.add(value)) {
      sketch.update(value);
    }
  }

  /**
   * A 64-bit hash of the text's characters, for the sketch to hash once more as a long: no UTF-8
   * copy of every value. Four UTF-16 units at a time are folded into the state by an invertible
   * step (xor, odd multiply, rotate), so two texts of one length that differ in a single block of
   * four never collide; MurmurHash3's final mix then spreads the bits. Equal texts hash equally in
   * every process, so profilers of the parts of a batch merge.
   */
  static long hash64(String text) {
    int length = text.length();
    long h = 0xcbf29ce484222325L ^ length;
    int i = 0;
    for (; i + 3 < length; i += 4) {
      long block =
          text.charAt(i)
              | (long) text.charAt(i + 1) << 16
              | (long) text.charAt(i + 2) << 32
              | (long) text.charAt(i + 3) << 48;
      h = Long.rotateLeft((h ^ block) * 0x9e3779b97f4a7c15L, 29);
    }
    for (; i < length; i++) {
      h = Long.rotateLeft((h ^ text.charAt(i)) * 0x9e3779b97f4a7c15L, 29);
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  /** Welford's online update: stable where a running sum of squares is not. */
  private void moment(double value) {
    count++;
    double delta = value - mean;
    mean += delta / count;
    m2 += delta * (value - mean);
  }

  void merge(ColumnProfiler other) {
    settleExtremes();
    other.settleExtremes();
    nulls += other.nulls;
    present += other.present;
    empties += other.empties;
    if (other.min != null && (min == null || other.min.compareTo(min) < 0)) {
      min = other.min;
    }
    if (other.max != null && (max == null || other.max.compareTo(max) > 0)) {
      max = other.max;
    }
    if (other.count > 0) {
      long total = count + other.count;
      double delta = other.mean - mean;
      mean += delta * other.count / total;
      m2 += other.m2 + delta * delta * ((double) count * other.count / total);
      count = total;
    }
    Union union = new Union(LG_K);
    union.update(sketch);
    union.update(other.sketch);
    sketch = union.getResult(TgtHllType.HLL_8);
    if (allowedCounts != null) {
      other.allowedCounts.forEach(
          (value, n) -> allowedCounts.computeIfAbsent(value, v -> new long[1])[0] += n[0]);
    }
  }

  /**
   * Writes what this profiler has counted, for another process to {@link #readFrom} and merge:
   * counts, extremes in their type, the moments, the sketch's registers and the allowed values'
   * counts.
   */
  void writeTo(DataOutput out) throws IOException {
    settleExtremes();
    out.writeLong(nulls);
    out.writeLong(present);
    out.writeLong(empties);
    writeValue(out, min);
    writeValue(out, max);
    out.writeLong(count);
    out.writeDouble(mean);
    out.writeDouble(m2);
    byte[] registers = sketch.toCompactByteArray();
    out.writeInt(registers.length);
    out.write(registers);
    if (allowedCounts != null) {
      out.writeInt(allowedCounts.size());
      for (Map.Entry<String, long[]> entry : allowedCounts.entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeLong(entry.getValue()[0]);
      }
    }
  }

  /** Replaces what this fresh profiler counted by what {@link #writeTo} wrote. */
  @SuppressWarnings("unchecked")
  void readFrom(DataInput in) throws IOException {
    nulls = in.readLong();
    present = in.readLong();
    empties = in.readLong();
    min = (Comparable<Object>) readValue(in);
    max = (Comparable<Object>) readValue(in);
    count = in.readLong();
    mean = in.readDouble();
    m2 = in.readDouble();
    byte[] registers = new byte[in.readInt()];
    in.readFully(registers);
    sketch = HllSketch.heapify(registers);
    recent.clear();
    if (allowedCounts != null) {
      int values = in.readInt();
      for (int i = 0; i < values; i++) {
        allowedCounts.put(in.readUTF(), new long[] {in.readLong()});
      }
    }
  }

  private void writeValue(DataOutput out, Object value) throws IOException {
    out.writeBoolean(value != null);
    if (value == null) {
      return;
    }
    switch (kind) {
      case STRING -> {
        byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
      }
      case INT -> out.writeInt((Integer) value);
      case LONG -> out.writeLong((Long) value);
      case DOUBLE -> out.writeDouble((Double) value);
      case DECIMAL -> out.writeUTF(((BigDecimal) value).toString());
      case DATE -> out.writeLong(((LocalDate) value).toEpochDay());
      case TIMESTAMP -> {
        out.writeLong(((Instant) value).getEpochSecond());
        out.writeInt(((Instant) value).getNano());
      }
      case BOOLEAN -> out.writeBoolean((Boolean) value);
    }
  }

  private Object readValue(DataInput in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    return switch (kind) {
      case STRING -> {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        yield new String(utf8, StandardCharsets.UTF_8);
      }
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case DOUBLE -> in.readDouble();
      case DECIMAL -> new BigDecimal(in.readUTF());
      case DATE -> LocalDate.ofEpochDay(in.readLong());
      case TIMESTAMP -> Instant.ofEpochSecond(in.readLong(), in.readInt());
      case BOOLEAN -> in.readBoolean();
    };
  }

  ColumnStats stats() {
    settleExtremes();
    Double meanValue = numeric && count > 0 ? mean : null;
    Double stddev = numeric && count > 1 ? Math.sqrt(m2 / (count - 1)) : null;
    return new ColumnStats(
        nulls, empties, text(min), text(max), distinct(), meanValue, stddev, top());
  }

  private long distinct() {
    if (unique) {
      return present;
    }
    return allowedCounts != null ? allowedCounts.size() : Math.round(sketch.getEstimate());
  }

  private List<ValueCount> top() {
    if (allowedCounts == null) {
      return null;
    }
    List<ValueCount> top = new ArrayList<>();
    allowedCounts.forEach((value, n) -> top.add(new ValueCount(value, n[0])));
    top.sort(
        Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value));
    return top;
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
  }
}
