package io.strata.core.contract;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a dataset's history keeps its past snapshots for time travel: the contract's {@code
 * history: { retention: P400D }}. Without a retention the history keeps every snapshot forever;
 * with one, snapshots older than it may be expired by maintenance, the one current at the cutoff
 * always kept so that every instant inside the retention still reads exactly.
 *
 * @param retention the ISO-8601 duration as the contract wrote it ({@code P400D}, {@code P1Y},
 *     {@code PT36H}), or null for forever
 */
public record HistoryPolicy(String retention) {

  /** The default: every snapshot is kept, nothing ever expires. */
  public static final HistoryPolicy FOREVER = new HistoryPolicy(null);

  public HistoryPolicy {
    if (retention != null) {
      parse(retention);
    }
  }

  /** True when no retention is set and nothing may ever expire. */
  public boolean keepsForever() {
    return retention == null;
  }

  /**
   * The instant before which snapshots fall outside the retention, seen at {@code now}; empty when
   * the history is kept forever. Years and months count in calendar time (UTC).
   */
  public Optional<Instant> cutoff(Instant now) {
    if (retention == null) {
      return Optional.empty();
    }
    Object amount = parse(retention);
    if (amount instanceof Period period) {
      return Optional.of(now.atOffset(ZoneOffset.UTC).minus(period).toInstant());
    }
    return Optional.of(now.minus((Duration) amount));
  }

  /** A {@link Duration} (days and smaller) or a {@link Period} (years, months, weeks, days). */
  private static Object parse(String text) {
    Object amount;
    try {
      amount = Duration.parse(text);
    } catch (DateTimeParseException notDuration) {
      try {
        amount = Period.parse(text);
      } catch (DateTimeParseException notPeriod) {
        throw new ContractException(
            "'"
                + text
                + "' is not an ISO-8601 duration (for example P400D, P1Y, P6M or PT36H; a"
                + " duration mixes no years or months with hours)");
      }
    }
    boolean positive =
        amount instanceof Duration duration
            ? !duration.isNegative() && !duration.isZero()
            : !((Period) amount).isNegative() && !((Period) amount).isZero();
    if (!positive) {
      throw new ContractException("'" + text + "' must be longer than zero");
    }
    return amount;
  }
}
