package io.strata.core.contract;

import java.util.Objects;

/**
 * How a column holding personal data is protected before it is written anywhere (history, reports,
 * logs).
 *
 * @param keepLast for {@link PiiMode#MASK}: how many trailing characters stay visible
 */
public record Pii(PiiMode mode, int keepLast) {

  public static final Pii NONE = new Pii(PiiMode.NONE, 0);

  public Pii {
    Objects.requireNonNull(mode, "mode");
    if (keepLast < 0) {
      throw new ContractException("PII keep_last must not be negative, got " + keepLast);
    }
  }

  /** The PII modes. */
  public enum PiiMode {
    /** Not personal data. */
    NONE,
    /** The column is never written. */
    DROP,
    /** Replaced by a keyed hash (HMAC-SHA-256, hex), so equal values still join. */
    HASH,
    /** All but the last {@code keepLast} characters replaced by '*'. */
    MASK
  }
}
