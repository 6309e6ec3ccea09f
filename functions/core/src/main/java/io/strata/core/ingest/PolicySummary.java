package io.strata.core.ingest;

import io.strata.core.contract.ErrorPolicy;
import java.util.Locale;

/** The one-line summary of a file quarantined by its error policy, read whole or in ranges. */
final class PolicySummary {

  private PolicySummary() {}

  static String of(RawObjectRef raw, long rows, RejectionTally tally, ErrorPolicy policy) {
    double percent = rows == 0 ? 0 : 100.0 * tally.rejectedRows() / rows;
    return String.format(
        Locale.ROOT,
        "Quarantined %s: %d of %d rows (%.1f%%) broke the contract, the policy allows %s."
            + " Most common: %s.",
        raw.uri(),
        tally.rejectedRows(),
        rows,
        percent,
        describe(policy),
        tally.mostCommon());
  }

  private static String describe(ErrorPolicy policy) {
    if (policy.maxRejectedRows() == 0 || policy.maxRejectedFraction() == 0.0) {
      return "no rejected rows";
    }
    String rowsPart =
        policy.maxRejectedRows() == Long.MAX_VALUE ? null : policy.maxRejectedRows() + " rows";
    String fractionPart =
        policy.maxRejectedFraction() >= 1.0
            ? null
            : String.format(Locale.ROOT, "%s%%", trim(policy.maxRejectedFraction() * 100));
    if (rowsPart != null && fractionPart != null) {
      return "at most " + rowsPart + " and " + fractionPart;
    }
    return "at most " + (rowsPart != null ? rowsPart : fractionPart != null ? fractionPart : "all");
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
