package io.strata.core.validate;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.Pii;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects personal data as the contract says, both in output rows ({@link #apply}) and in the
 * values that reports show ({@link #protect}): {@code hash} becomes the lowercase hex HMAC-SHA-256
 * under the configured key, {@code mask} keeps only the last {@code keep_last} characters (a value
 * no longer than that is masked entirely, so it is never shown in full), {@code drop} removes the
 * value. Holds a {@link Mac}, which is not thread-safe: one protector per ingest.
 */
public final class PiiProtector {

  /** What reports show instead of the value of a dropped column. */
  public static final String DROPPED = "[dropped]";

  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();
  private static final String[] STARS = new String[65];

  static {
    Arrays.setAll(STARS, "*"::repeat);
  }

  private final Mac mac;

  /**
   * @param hashKey the HMAC key; null when none is configured (then hashing a column fails)
   */
  public PiiProtector(byte[] hashKey) {
    if (hashKey == null) {
      this.mac = null;
      return;
    }
    if (hashKey.length == 0) {
      throw new IllegalArgumentException("Cannot use an empty PII hash key");
    }
    try {
      this.mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(hashKey, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot initialise " + ALGORITHM + ": " + e.getMessage(), e);
    }
  }

  /** The value as a report may show it; null stays null. */
  public String protect(ColumnSpec column, String value) {
    if (value == null) {
      return null;
    }
    Pii pii = column.pii();
    return switch (pii.mode()) {
      case NONE -> value;
      case DROP -> DROPPED;
      case HASH -> hash(column, value);
      case MASK -> mask(value, pii.keepLast());
    };
  }

  /** Replaces, in place, the typed values of PII columns by their protected form. */
  public void apply(DatasetContract contract, Object[] typed) {
    List<ColumnSpec> columns = contract.columns();
    for (int i = 0; i < typed.length; i++) {
      ColumnSpec column = columns.get(i);
      Pii.PiiMode mode = column.pii().mode();
      if (mode == Pii.PiiMode.NONE || typed[i] == null) {
        continue;
      }
      typed[i] =
          switch (mode) {
            case DROP -> null;
            case HASH -> hash(column, typed[i].toString());
            case MASK -> mask(typed[i].toString(), column.pii().keepLast());
            case NONE -> typed[i];
          };
    }
  }

  private String hash(ColumnSpec column, String value) {
    if (mac == null) {
      throw new IllegalStateException(
          "Cannot hash column " + column.name() + ": no PII hash key is configured");
    }
    return HEX.formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  static String mask(String value, int keepLast) {
    int length = value.length();
    for (int i = 0; i < length; i++) {
      if (Character.isSurrogate(value.charAt(i))) {
        return maskCodePoints(value, keepLast);
      }
    }
    // Without surrogates every char is one code point.
    if (length <= keepLast) {
      return stars(length);
    }
    int keepFrom = length - keepLast;
    return stars(keepFrom).concat(value.substring(keepFrom));
  }

  /** {@code count} stars; the common lengths are made once. */
  private static String stars(int count) {
    return count < STARS.length ? STARS[count] : "*".repeat(count);
  }

  private static String maskCodePoints(String value, int keepLast) {
    int characters = value.codePointCount(0, value.length());
    if (characters <= keepLast) {
      return stars(characters);
    }
    int keepFrom = value.offsetByCodePoints(value.length(), -keepLast);
    return stars(characters - keepLast).concat(value.substring(keepFrom));
  }
}
