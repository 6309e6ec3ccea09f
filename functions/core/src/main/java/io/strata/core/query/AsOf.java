package io.strata.core.query;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Reads the {@code asOf} of a query: an instant with offset, or a date meaning 00:00 UTC. */
final class AsOf {

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private AsOf() {}

  /**
   * The instant, or null when none is given; refused when malformed, outside the years Athena
   * accepts (1 to 9999 in UTC) or in the future.
   */
  static Instant parse(String text, Clock clock) {
    if (text == null) {
      return null;
    }
    Instant asOf;
    try {
      asOf =
          DATE.matcher(text).matches()
              ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
              : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new QueryRejectedException(
          Problem.BAD_VALUE,
          "asOf: expected an ISO-8601 timestamp with offset or Z (e.g. 2024-01-15T08:30:00Z) or a"
              + " date (yyyy-MM-dd), got "
              + TypedValues.shown(text));
    }
    if (!TypedValues.inAthenaYears(asOf)) {
      throw TypedValues.outOfYears("asOf", "an instant", text, " in UTC");
    }
    if (asOf.isAfter(clock.instant())) {
      throw new QueryRejectedException(Problem.BAD_VALUE, "asOf: " + asOf + " is in the future");
    }
    return asOf;
  }
}
