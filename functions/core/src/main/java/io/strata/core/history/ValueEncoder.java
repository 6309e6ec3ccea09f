package io.strata.core.history;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.Pii;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Writes one non-null typed value of a contract column into the column's writer as its Parquet
 * primitive: numbers and temporals unboxed, texts as their UTF-8 bytes (allowed values each reuse
 * one binary). Conversion and encoding are one step, on the thread that encodes the row.
 */
@FunctionalInterface
interface ValueEncoder {

  /** Writes the value at the given definition level (repetition level is always 0). */
  void write(ColumnWriter writer, Object value, int definitionLevel);

  /** The encoder for a stored column, following the brief's type mapping. */
  static ValueEncoder forColumn(ColumnSpec column) {
    if (column.pii().mode() != Pii.PiiMode.NONE) {
      return text();
    }
    ColumnType type = column.type();
    return switch (type.kind()) {
      case STRING -> column.rules().allowed().isEmpty() ? text() : known(column.rules().allowed());
      case BOOLEAN -> (w, v, d) -> w.write((Boolean) v, 0, d);
      case INT -> (w, v, d) -> w.write((Integer) v, 0, d);
      case LONG -> (w, v, d) -> w.write((Long) v, 0, d);
      case DOUBLE -> (w, v, d) -> w.write((Double) v, 0, d);
      case DATE -> (w, v, d) -> w.write((int) ((LocalDate) v).toEpochDay(), 0, d);
      case TIMESTAMP -> (w, v, d) -> w.write(micros((Instant) v), 0, d);
      case DECIMAL -> decimal(type.precision(), type.scale());
    };
  }

  private static ValueEncoder text() {
    return (w, v, d) -> w.write(utf8((String) v), 0, d);
  }

  /** Allowed values each reuse one binary; anything else (never valid, but safe) is encoded. */
  private static ValueEncoder known(Set<String> allowed) {
    Map<String, Binary> binaries = new HashMap<>();
    for (String value : allowed) {
      binaries.put(value, utf8(value));
    }
    return (w, v, d) -> {
      Binary binary = binaries.get(v);
      w.write(binary != null ? binary : utf8((String) v), 0, d);
    };
  }

  /**
   * The UTF-8 bytes of a string as an array-backed binary: {@code Binary.fromString} is backed by a
   * ByteBuffer whose equals/hashCode made dictionary lookups the hottest spot of writing.
   */
  static Binary utf8(String value) {
    return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Microseconds since the epoch, truncating sub-microsecond digits. */
  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  private static ValueEncoder decimal(int precision, int scale) {
    if (precision <= 18) {
      return (w, v, d) -> w.write(unscaledLong((BigDecimal) v, scale), 0, d);
    }
    int length = ParquetSchemas.decimalBytes(precision);
    return (w, v, d) -> w.write(fixed(unscaled((BigDecimal) v, scale), length), 0, d);
  }

  /** The unscaled value at the given scale, without the BigInteger that unscaledValue() makes. */
  static long unscaledLong(BigDecimal value, int scale) {
    return value.scaleByPowerOfTen(scale).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
  }

  private static BigInteger unscaled(BigDecimal value, int scale) {
    return value.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
  }

  /** Big-endian two's complement, sign-extended to exactly {@code length} bytes. */
  static Binary fixed(BigInteger unscaled, int length) {
    byte[] bytes = new byte[length];
    if (unscaled.bitLength() < Long.SIZE) {
      long value = unscaled.longValue();
      for (int i = length - 1; i >= 0; i--) {
        bytes[i] = (byte) value;
        value >>= 8;
      }
      return Binary.fromConstantByteArray(bytes);
    }
    byte[] minimal = unscaled.toByteArray();
    if (minimal.length > length) {
      throw new ArithmeticException(
          "Decimal " + unscaled + " does not fit in " + length + " bytes");
    }
    byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0x00);
    int offset = length - minimal.length;
    for (int i = 0; i < offset; i++) {
      bytes[i] = pad;
    }
    System.arraycopy(minimal, 0, bytes, offset, minimal.length);
    return Binary.fromConstantByteArray(bytes);
  }
}
