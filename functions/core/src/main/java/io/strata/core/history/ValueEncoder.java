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
import java.util.function.UnaryOperator;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Turns one non-null typed value of a contract column into its Parquet primitive ({@link #prepare},
 * on the caller's thread) and writes that primitive into the column's writer ({@link #write}, on
 * the encoder thread when there is one), so that the encoder thread only encodes.
 */
@FunctionalInterface
interface ValueEncoder {

  /**
   * The Parquet primitive of a typed value: {@link Binary}, Boolean, Integer, Long or Double.
   * Strings of a column with an {@code allowed} list reuse one binary per allowed value.
   */
  default Object prepare(Object value) {
    return value;
  }

  /** Writes a prepared value at the given definition level (repetition level is always 0). */
  void write(ColumnWriter writer, Object prepared, int definitionLevel);

  /** The encoder for a stored column, following the brief's type mapping. */
  static ValueEncoder forColumn(ColumnSpec column) {
    if (column.pii().mode() != Pii.PiiMode.NONE) {
      return prepared(v -> utf8((String) v), ValueEncoder::binary);
    }
    ColumnType type = column.type();
    return switch (type.kind()) {
      case STRING -> string(column.rules().allowed());
      case BOOLEAN -> (w, v, d) -> w.write((Boolean) v, 0, d);
      case INT -> (w, v, d) -> w.write((Integer) v, 0, d);
      case LONG, TIMESTAMP, DECIMAL -> longOrDecimal(type);
      case DOUBLE -> (w, v, d) -> w.write((Double) v, 0, d);
      case DATE ->
          prepared(
              v -> (int) ((LocalDate) v).toEpochDay(), (w, v, d) -> w.write((Integer) v, 0, d));
    };
  }

  private static ValueEncoder longOrDecimal(ColumnType type) {
    ValueEncoder writeLong = (w, v, d) -> w.write((Long) v, 0, d);
    return switch (type.kind()) {
      case TIMESTAMP -> prepared(v -> micros((Instant) v), writeLong);
      case DECIMAL -> decimal(type.precision(), type.scale(), writeLong);
      default -> writeLong;
    };
  }

  private static ValueEncoder string(Set<String> allowed) {
    if (allowed.isEmpty()) {
      return prepared(v -> utf8((String) v), ValueEncoder::binary);
    }
    Map<String, Binary> binaries = new HashMap<>();
    for (String value : allowed) {
      binaries.put(value, utf8(value));
    }
    return prepared(
        v -> {
          Binary known = binaries.get(v);
          return known != null ? known : utf8((String) v);
        },
        ValueEncoder::binary);
  }

  private static void binary(ColumnWriter writer, Object prepared, int definitionLevel) {
    writer.write((Binary) prepared, 0, definitionLevel);
  }

  private static ValueEncoder prepared(UnaryOperator<Object> preparation, ValueEncoder writing) {
    return new ValueEncoder() {
      @Override
      public Object prepare(Object value) {
        return preparation.apply(value);
      }

      @Override
      public void write(ColumnWriter writer, Object prepared, int definitionLevel) {
        writing.write(writer, prepared, definitionLevel);
      }
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

  private static ValueEncoder decimal(int precision, int scale, ValueEncoder writeLong) {
    if (precision <= 18) {
      return prepared(v -> unscaledLong((BigDecimal) v, scale), writeLong);
    }
    int length = ParquetSchemas.decimalBytes(precision);
    return prepared(v -> fixed(unscaled((BigDecimal) v, scale), length), ValueEncoder::binary);
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
