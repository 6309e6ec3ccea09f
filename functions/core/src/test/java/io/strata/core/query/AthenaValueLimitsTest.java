package io.strata.core.query;

import static io.strata.core.query.QueryFixtures.admin;
import static io.strata.core.query.QueryFixtures.filter;
import static io.strata.core.query.QueryFixtures.filterValues;
import static io.strata.core.query.QueryFixtures.filters;
import static io.strata.core.query.QueryFixtures.payments;
import static io.strata.core.query.QueryFixtures.planner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values core would accept but Athena refuses are 400s: a string literal of more than 1024
 * characters (quote + text with ' doubled + quote), dates and timestamps outside years 1 to 9999.
 */
class AthenaValueLimitsTest {

  @Test
  void acceptsStringsUpToAThousandAndTwentyTwoCharactersCountingQuotesTwice() {
    String plain = "x".repeat(1022);
    String quoted = "x".repeat(1020) + "'";

    QueryPlan plan = plan(filterValues("customer", "in", plain, quoted));

    assertThat(plan.filters().get(0).values()).containsExactly(plain, quoted);
  }

  @Test
  void refusesAStringWhoseLiteralWouldExceedAthenasParameterLimit() {
    assertRejected(
        filters(filter("customer", "=", "x".repeat(1021) + "'")),
        "filters[0].value: a value for column customer may have at most 1022 characters, a quote"
            + " counting twice, got 1023");
    assertRejected(
        filters(filter("customer", "starts with", "'".repeat(600))),
        "filters[0].value: a value for column customer may have at most 1022 characters, a quote"
            + " counting twice, got 1200");
  }

  @Test
  void refusesEachValueOfAnInListByTheSameRule() {
    assertRejected(
        filters(filterValues("customer", "in", "a", "b", "x".repeat(1023))),
        "filters[0].values[2]: a value for column customer may have at most 1022 characters, a"
            + " quote counting twice, got 1023");
    assertRejected(
        filters(filterValues("booking_date", "in", "2024-01-15", "0000-01-01")),
        "filters[0].values[1]: a date for column booking_date must lie in years 1 to 9999, got"
            + " \"0000-01-01\"");
    assertRejected(
        filters(filterValues("booked_at", "in", "2024-01-15T08:30:00Z", "+10000-01-01T00:00:00Z")),
        "filters[0].values[1]: a timestamp for column booked_at must lie in years 1 to 9999 in"
            + " UTC, got \"+10000-01-01T00:00:00Z\"");
  }

  @Test
  void acceptsTheFirstAndLastDaysAthenaKnows() {
    QueryPlan plan =
        plan(
            filterValues("booking_date", "between", "0001-01-01", "9999-12-31"),
            filterValues(
                "booked_at", "between", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z"));

    assertThat(plan.filters().get(0).values())
        .containsExactly(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31));
    assertThat(plan.filters().get(1).values())
        .containsExactly(
            Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z"));
  }

  @ParameterizedTest
  @CsvSource({
    "0000-12-31T23:59:59Z",
    "0001-01-01T00:30:00+01:00",
    "9999-12-31T23:30:00-01:00",
    "+10000-01-01T00:00:00Z",
    "-0001-06-01T00:00:00Z"
  })
  void refusesTimestampsWhoseUtcYearIsOutsideOneToNineThousandNineHundredNinetyNine(String raw) {
    assertRejected(
        filters(filter("booked_at", ">", raw)),
        "filters[0].value: a timestamp for column booked_at must lie in years 1 to 9999 in UTC,"
            + " got \""
            + raw
            + "\"");
  }

  @Test
  void refusesTheDateOfYearZero() {
    assertRejected(
        filters(filter("booking_date", "=", "0000-02-29")),
        "filters[0].value: a date for column booking_date must lie in years 1 to 9999, got"
            + " \"0000-02-29\"");
  }

  @ParameterizedTest
  @CsvSource({"0000-12-31", "0001-01-01T00:30:00+01:00", "+10000-01-01T00:00:00Z"})
  void refusesAnAsOfOutsideTheYearsAthenaKnowsBeforeCallingItFuture(String asOf) {
    assertRejected(
        new QueryRequest(null, null, null, null, null, asOf),
        "asOf: an instant must lie in years 1 to 9999 in UTC, got \"" + asOf + "\"");
  }

  @Test
  void acceptsAnAsOfOnTheFirstDayAthenaKnows() {
    QueryPlan plan = planner().plan(payments(), admin(), asOf("0001-01-01"));

    assertThat(plan.asOf()).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
  }

  private static QueryRequest asOf(String asOf) {
    return new QueryRequest(null, null, null, null, null, asOf);
  }

  private static QueryPlan plan(FilterRequest... filters) {
    return planner().plan(payments(), admin(), filters(filters));
  }

  private static void assertRejected(QueryRequest request, String message) {
    assertThatThrownBy(() -> planner().plan(payments(), admin(), request))
        .isInstanceOf(QueryRejectedException.class)
        .hasMessage(message)
        .extracting(e -> ((QueryRejectedException) e).problem())
        .isEqualTo(Problem.BAD_VALUE);
  }
}
