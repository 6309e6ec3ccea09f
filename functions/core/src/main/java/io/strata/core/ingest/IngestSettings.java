package io.strata.core.ingest;

import io.strata.core.history.HistorySettings;
import io.strata.core.parse.ParseLimits;
import java.util.Objects;

/**
 * What the ingest path needs to know beyond the contracts.
 *
 * @param piiHashKey the key of the keyed hash for PII {@code hash} columns; null when none is
 *     configured (a dataset that needs it then fails with a clear message)
 * @param maxReportedErrors how many violations a quarantine report lists (all are counted)
 */
public record IngestSettings(
    LakeLayout layout,
    ParseLimits parseLimits,
    HistorySettings history,
    byte[] piiHashKey,
    int maxReportedErrors) {

  public IngestSettings {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(parseLimits, "parseLimits");
    Objects.requireNonNull(history, "history");
    if (maxReportedErrors < 1) {
      throw new IllegalArgumentException(
          "maxReportedErrors must be at least 1, got " + maxReportedErrors);
    }
    piiHashKey = piiHashKey == null ? null : piiHashKey.clone();
  }

  /** Defaults for everything but the history bucket and the hash key. */
  public static IngestSettings defaults(String historyBucket, byte[] piiHashKey) {
    return new IngestSettings(
        new LakeLayout(historyBucket),
        ParseLimits.DEFAULT,
        HistorySettings.DEFAULT,
        piiHashKey,
        1000);
  }
}
