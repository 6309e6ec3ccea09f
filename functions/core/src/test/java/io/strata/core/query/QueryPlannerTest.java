package io.strata.core.query;

import static io.strata.core.query.QueryFixtures.bank;
import static io.strata.core.query.QueryFixtures.columns;
import static io.strata.core.query.QueryFixtures.filter;
import static io.strata.core.query.QueryFixtures.filterValues;
import static io.strata.core.query.QueryFixtures.filters;
import static io.strata.core.query.QueryFixtures.grant;
import static io.strata.core.query.QueryFixtures.payments;
import static io.strata.core.query.QueryFixtures.planner;
import static io.strata.core.query.QueryFixtures.role;
import static io.strata.core.query.QueryFixtures.roleWith;
import static io.strata.core.query.QueryFixtures.telecom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.access.FilterOperator;
import io.strata.core.access.RoleGrant;
import io.strata.core.access.RowFilter;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryPlannerTest {

  private static final RoleGrant PAYMENTS_ROLE =
      roleWith(
          "clerk",
          grant(
              "payments",
              List.of("customer"),
              List.of("iban", "quantity"),
              RowFilter.of("active", FilterOperator.EQUAL, true)));

  @Test
  void defaultsToEveryVisibleNonLineageColumnInContractOrderCurrentViewAndDefaultLimit() {
    QueryPlan plan = planner().plan(bank(), role("analyst"), null);

    assertThat(plan.dataset()).isEqualTo("bank_transactions");
    assertThat(plan.role()).isEqualTo("analyst");
    assertThat(plan.view()).isEqualTo(View.CURRENT);
    assertThat(plan.asOf()).isNull();
    assertThat(plan.limit()).isEqualTo(1000);
    assertThat(plan.filters()).isEmpty();
    assertThat(plan.orderBy()).isEmpty();
    assertThat(plan.rowFilter()).isNull();
    assertThat(plan.columns())
        .containsExactly(
            new PlannedColumn("transaction_id", ColumnType.of(ColumnType.Kind.STRING), false),
            new PlannedColumn("account_iban", ColumnType.of(ColumnType.Kind.STRING), true),
            new PlannedColumn("booking_date", ColumnType.of(ColumnType.Kind.DATE), false),
            new PlannedColumn("amount", ColumnType.decimal(18, 2), false),
            new PlannedColumn("currency", ColumnType.of(ColumnType.Kind.STRING), false),
            new PlannedColumn("counterparty", ColumnType.of(ColumnType.Kind.STRING), false),
            new PlannedColumn("channel", ColumnType.of(ColumnType.Kind.STRING), false));
  }

  @Test
  void defaultColumnsLeaveOutHiddenColumnsAndHaveNoDerivedPartitionColumns() {
    QueryPlan plan = planner().plan(telecom(), role("analyst"), columns());

    assertThat(plan.outputColumns())
        .containsExactly("event_id", "event_type", "event_time", "duration_s", "bytes", "cell_id");
  }

  @Test
  void selectsLineageAndPartitionColumnsByName() {
    QueryPlan plan =
        planner()
            .plan(
                telecom(),
                role("data-scientist"),
                columns("_ingested_at", "event_time", "subscriber_id", "_source_line"));

    assertThat(plan.columns())
        .containsExactly(
            new PlannedColumn("_ingested_at", ColumnType.of(ColumnType.Kind.TIMESTAMP), false),
            new PlannedColumn("event_time", ColumnType.of(ColumnType.Kind.TIMESTAMP), false),
            new PlannedColumn("subscriber_id", ColumnType.of(ColumnType.Kind.STRING), false),
            new PlannedColumn("_source_line", ColumnType.of(ColumnType.Kind.LONG), false));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "=|EQUAL",
        "!=|NOT_EQUAL",
        "<|LESS",
        "<=|LESS_OR_EQUAL",
        ">|GREATER",
        ">=|GREATER_OR_EQUAL",
        "starts with|STARTS_WITH",
        "STARTS WITH|STARTS_WITH"
      })
  void plansEverySingleValueOperatorWithTheValueTypedAsTheColumn(String op, Operator operator) {
    QueryPlan plan =
        planner().plan(bank(), role("analyst"), filters(filter("currency", op, "EUR")));

    assertThat(plan.filters())
        .containsExactly(
            new PlannedFilter(
                "currency", ColumnType.of(ColumnType.Kind.STRING), operator, List.of("EUR")));
  }

  @Test
  void plansListAndNullOperators() {
    QueryPlan plan =
        planner()
            .plan(
                bank(),
                role("analyst"),
                filters(
                    filterValues("currency", "in", "EUR", "USD"),
                    filterValues("booking_date", "between", "2024-01-01", "2024-01-31"),
                    filter("counterparty", "is null", null),
                    filter("channel", "is not null", null)));

    ColumnType string = ColumnType.of(ColumnType.Kind.STRING);
    assertThat(plan.filters())
        .containsExactly(
            new PlannedFilter("currency", string, Operator.IN, List.of("EUR", "USD")),
            new PlannedFilter(
                "booking_date",
                ColumnType.of(ColumnType.Kind.DATE),
                Operator.BETWEEN,
                List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31))),
            new PlannedFilter("counterparty", string, Operator.IS_NULL, List.of()),
            new PlannedFilter("channel", string, Operator.IS_NOT_NULL, List.of()));
  }

  @Test
  void typesValuesOfEveryColumnType() {
    QueryPlan plan =
        planner()
            .plan(
                payments(),
                RoleGrant.admin("admin", "", List.of()),
                filters(
                    filter("id", "=", 7),
                    filter("id", "<", new BigInteger("9223372036854775807")),
                    filter("quantity", ">=", 3L),
                    filter("amount", "<=", new BigDecimal("12.5")),
                    filter("amount", ">", "-0.10"),
                    filter("amount", "!=", 3),
                    filter("ratio", ">", 1),
                    filter("ratio", "<", 0.25),
                    filter("active", "=", false),
                    filter("booked_at", ">=", "2024-01-15T09:30:00+01:00"),
                    filter("email", "=", "ab12"),
                    filter("_source_line", ">", 2)));

    assertThat(plan.filters())
        .extracting(f -> f.values().get(0))
        .containsExactly(
            7L,
            Long.MAX_VALUE,
            3,
            new BigDecimal("12.50"),
            new BigDecimal("-0.10"),
            new BigDecimal("3.00"),
            1.0,
            0.25,
            false,
            Instant.parse("2024-01-15T08:30:00Z"),
            "ab12",
            2L);
  }

  @Test
  void carriesTheRolesRowFilterTypedAsItsColumn() {
    QueryPlan plan = planner().plan(payments(), PAYMENTS_ROLE, null);

    assertThat(plan.rowFilter())
        .isEqualTo(
            new PlannedFilter(
                "active", ColumnType.of(ColumnType.Kind.BOOLEAN), Operator.EQUAL, List.of(true)));
    assertThat(plan.outputColumns())
        .containsExactly(
            "id",
            "booking_date",
            "iban",
            "email",
            "active",
            "quantity",
            "amount",
            "ratio",
            "booked_at");
    assertThat(plan.columns())
        .filteredOn(PlannedColumn::masked)
        .extracting(PlannedColumn::name)
        .containsExactly("iban", "quantity");
  }

  @Test
  void readsViewsOrderAndLimit() {
    QueryPlan plan =
        planner()
            .plan(
                bank(),
                role("analyst"),
                new QueryRequest(
                    null,
                    null,
                    List.of(
                        new SortRequest("booking_date", "desc"),
                        new SortRequest("amount", null),
                        new SortRequest("_ingested_at", "ASC")),
                    100000,
                    "history",
                    null));

    assertThat(plan.view()).isEqualTo(View.HISTORY);
    assertThat(plan.limit()).isEqualTo(100000);
    assertThat(plan.orderBy())
        .containsExactly(
            new PlannedSort("booking_date", true),
            new PlannedSort("amount", false),
            new PlannedSort("_ingested_at", false));
  }

  @ParameterizedTest
  @CsvSource({
    "2024-01-15T08:30:00Z, 2024-01-15T08:30:00Z",
    "2024-01-15T08:30:00.123456+02:00, 2024-01-15T06:30:00.123456Z",
    "2024-01-15, 2024-01-15T00:00:00Z",
    "2024-01-20T12:00:00Z, 2024-01-20T12:00:00Z"
  })
  void readsAsOfAsAnInstantWithOffsetOrTheStartOfADayInUtc(String asOf, String expected) {
    QueryPlan plan =
        planner()
            .plan(bank(), role("analyst"), new QueryRequest(null, null, null, null, null, asOf));

    assertThat(plan.asOf()).isEqualTo(Instant.parse(expected));
  }

  @Test
  void refusesARoleWithoutTheDataset() {
    assertRejected(
        bank(),
        role("data-scientist"),
        null,
        Problem.FORBIDDEN,
        "Role data-scientist may not query dataset bank_transactions: access.yaml grants it no"
            + " access to it");
  }

  @Test
  void refusesHiddenAndMissingColumnsWithTheSameMessage() {
    assertRejected(
        telecom(),
        role("analyst"),
        columns("event_id", "subscriber_id"),
        Problem.UNKNOWN_COLUMN,
        "columns[1]: unknown column 'subscriber_id' in dataset telecom_usage");
    assertRejected(
        telecom(),
        role("analyst"),
        columns("event_id", "subscriber_idx"),
        Problem.UNKNOWN_COLUMN,
        "columns[1]: unknown column 'subscriber_idx' in dataset telecom_usage");
    assertRejected(
        telecom(),
        role("analyst"),
        filters(filter("subscriber_id", "=", "x")),
        Problem.UNKNOWN_COLUMN,
        "filters[0].column: unknown column 'subscriber_id' in dataset telecom_usage");
    assertRejected(
        payments(),
        PAYMENTS_ROLE,
        new QueryRequest(null, null, List.of(new SortRequest("secret", "asc")), null, null, null),
        Problem.UNKNOWN_COLUMN,
        "orderBy[0].column: unknown column 'secret' in dataset payments");
  }

  @Test
  void refusesAColumnSelectedTwice() {
    assertRejected(
        bank(),
        role("analyst"),
        columns("amount", "currency", "amount"),
        Problem.BAD_REQUEST,
        "columns[2]: column amount is selected twice");
  }

  @Test
  void refusesFilteringOrSortingOnAMaskedColumnNamingTheRule() {
    assertRejected(
        bank(),
        role("analyst"),
        filters(filter("currency", "=", "EUR"), filter("account_iban", "=", "x")),
        Problem.FORBIDDEN,
        "Role analyst may not filter on column account_iban (filters[1].column): access.yaml masks"
            + " it in dataset bank_transactions");
    assertRejected(
        bank(),
        role("analyst"),
        new QueryRequest(
            null, null, List.of(new SortRequest("account_iban", "asc")), null, null, null),
        Problem.FORBIDDEN,
        "Role analyst may not sort on column account_iban (orderBy[0].column): access.yaml masks"
            + " it in dataset bank_transactions");
  }

  @Test
  void refusesUnknownOperatorsListingTheValidOnes() {
    assertRejected(
        bank(),
        role("analyst"),
        filters(filter("currency", "like", "E%")),
        Problem.BAD_OPERATOR,
        "filters[0].op: unknown operator \"like\" (expected one of '=', '!=', '<', '<=', '>', '>=',"
            + " 'in', 'between', 'is null', 'is not null', 'starts with')");
    assertRejected(
        bank(),
        role("analyst"),
        filters(filterValues("currency", "not in", "EUR")),
        Problem.BAD_OPERATOR,
        "filters[0].op: unknown operator \"not in\" (expected one of '=', '!=', '<', '<=', '>',"
            + " '>=', 'in', 'between', 'is null', 'is not null', 'starts with')");
  }

  @Test
  void refusesOrderingOperatorsOnBooleansAndPrefixesOnNonStrings() {
    RoleGrant admin = RoleGrant.admin("admin", "", List.of());
    assertRejected(
        payments(),
        admin,
        filters(filter("active", ">", true)),
        Problem.BAD_OPERATOR,
        "filters[0].op: '>' does not apply to boolean column active");
    assertRejected(
        payments(),
        admin,
        filters(filterValues("active", "between", false, true)),
        Problem.BAD_OPERATOR,
        "filters[0].op: 'between' does not apply to boolean column active");
    assertRejected(
        bank(),
        role("analyst"),
        filters(filter("booking_date", "starts with", "2024")),
        Problem.BAD_OPERATOR,
        "filters[0].op: 'starts with' applies to string columns only; booking_date is date");
  }

  @Test
  void refusesValueAndValuesMixedUp() {
    assertRejected(
        bank(),
        role("analyst"),
        filters(new FilterRequest("currency", "=", "EUR", List.of("USD"))),
        Problem.BAD_REQUEST,
        "filters[0].values: '=' takes one value: use value");
    assertRejected(
        bank(),
        role("analyst"),
        filters(filter("currency", "=", null)),
        Problem.BAD_REQUEST,
        "filters[0].value: '=' needs a value (use 'is null' to match missing values)");
    assertRejected(
        bank(),
        role("analyst"),
        filters(filter("currency", "in", "EUR")),
        Problem.BAD_REQUEST,
        "filters[0].value: 'in' takes a list: use values");
    assertRejected(
        bank(),
        role("analyst"),
        filters(filter("currency", "is null", "EUR")),
        Problem.BAD_REQUEST,
        "filters[0]: 'is null' takes no value; remove value");
    assertRejected(
        bank(),
        role("analyst"),
        filters(filterValues("currency", "is not null")),
        Problem.BAD_REQUEST,
        "filters[0]: 'is not null' takes no value; remove values");
  }

  @Test
  void refusesWrongNumbersOfValues() {
    assertRejected(
        bank(),
        role("analyst"),
        filters(filterValues("currency", "in")),
        Problem.BAD_REQUEST,
        "filters[0].values: 'in' needs 1 to 1000 values, got 0");
    List<Object> many = new ArrayList<>(Collections.nCopies(1001, "EUR"));
    assertRejected(
        bank(),
        role("analyst"),
        filters(new FilterRequest("currency", "in", null, many)),
        Problem.TOO_MANY_VALUES,
        "filters[0].values: 'in' takes at most 1000 values, got 1001; split the list over several"
            + " queries");
    assertRejected(
        bank(),
        role("analyst"),
        filters(filterValues("amount", "between", 1, 2, 3)),
        Problem.BAD_REQUEST,
        "filters[0].values: 'between' needs exactly 2 values, got 3");
  }

  @Test
  void refusesMissingColumnAndOperator() {
    assertRejected(
        bank(),
        role("analyst"),
        filters(filter(null, "=", "x")),
        Problem.BAD_REQUEST,
        "filters[0].column: a column name is required");
    assertRejected(
        bank(),
        role("analyst"),
        filters(filter("currency", null, "x")),
        Problem.BAD_REQUEST,
        "filters[0].op: an operator is required");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "booking_date|12|filters[0].value: expected a date (yyyy-MM-dd) for column booking_date,"
            + " got 12",
        "booking_date|'2024-1-5'|filters[0].value: expected a date (yyyy-MM-dd) for column"
            + " booking_date, got \"2024-1-5\"",
        "booking_date|'2024-02-30'|filters[0].value: expected a date (yyyy-MM-dd) for column"
            + " booking_date, got \"2024-02-30\"",
        "amount|'12.5O'|filters[0].value: expected a number of type decimal(18,2) (at most 16"
            + " integer and 2 fraction digits) for column amount, got \"12.5O\"",
        "amount|'1e3'|filters[0].value: expected a number of type decimal(18,2) (at most 16"
            + " integer and 2 fraction digits) for column amount, got \"1e3\"",
        "amount|'12345678901234567'|filters[0].value: expected a number of type decimal(18,2) (at"
            + " most 16 integer and 2 fraction digits) for column amount, got"
            + " \"12345678901234567\"",
        "amount|'1.005'|filters[0].value: \"1.005\" has more fraction digits than column amount of"
            + " type decimal(18,2) keeps (2)",
        "currency|'true'|filters[0].value: expected a string for column currency, got true"
      })
  void refusesBadlyTypedValuesNamingFieldColumnAndValue(String column, String raw, String message) {
    Object value =
        switch (raw) {
          case "12" -> 12;
          case "true" -> true;
          default -> raw;
        };
    assertRejected(
        bank(), role("analyst"), filters(filter(column, "=", value)), Problem.BAD_VALUE, message);
  }

  @Test
  void refusesValuesOutOfTheirTypesRange() {
    RoleGrant admin = RoleGrant.admin("admin", "", List.of());
    assertRejected(
        payments(),
        admin,
        filters(filter("quantity", "=", 2147483648L)),
        Problem.BAD_VALUE,
        "filters[0].value: expected an integer between -2147483648 and 2147483647 for column"
            + " quantity, got 2147483648");
    assertRejected(
        payments(),
        admin,
        filters(filter("id", "=", new BigInteger("9223372036854775808"))),
        Problem.BAD_VALUE,
        "filters[0].value: expected an integer between -9223372036854775808 and"
            + " 9223372036854775807 for column id, got 9223372036854775808");
    assertRejected(
        payments(),
        admin,
        filters(filter("id", "=", 1.5)),
        Problem.BAD_VALUE,
        "filters[0].value: expected an integer between -9223372036854775808 and"
            + " 9223372036854775807 for column id, got 1.5");
    assertRejected(
        payments(),
        admin,
        filters(filter("ratio", "=", new BigDecimal("1e400"))),
        Problem.BAD_VALUE,
        "filters[0].value: expected a finite number for column ratio, got 1E+400");
    assertRejected(
        payments(),
        admin,
        filters(filter("active", "=", "true")),
        Problem.BAD_VALUE,
        "filters[0].value: expected a boolean (true or false) for column active, got \"true\"");
    assertRejected(
        payments(),
        admin,
        filters(filterValues("booked_at", "in", "2024-01-15T08:30:00Z", "2024-01-15T08:30:00")),
        Problem.BAD_VALUE,
        "filters[0].values[1]: expected a timestamp (ISO-8601 with offset or Z, e.g."
            + " 2024-01-15T08:30:00Z) for column booked_at, got \"2024-01-15T08:30:00\"");
    assertRejected(
        payments(),
        admin,
        filters(filterValues("id", "in", 1, null)),
        Problem.BAD_VALUE,
        "filters[0].values[1]: expected an integer between -9223372036854775808 and"
            + " 9223372036854775807 for column id, got null");
  }

  @Test
  void refusesStringsThatAreTooLongOrHoldControlCharacters() {
    assertRejected(
        bank(),
        role("analyst"),
        filters(filter("counterparty", "=", "x".repeat(1023))),
        Problem.BAD_VALUE,
        "filters[0].value: a value for column counterparty may have at most 1022 characters, a"
            + " quote counting twice, got 1023");
    assertRejected(
        bank(),
        role("analyst"),
        filters(filter("counterparty", "=", "a\u0000b")),
        Problem.BAD_VALUE,
        "filters[0].value: a value for column counterparty must not contain control characters,"
            + " found U+0000 at position 1");
    assertRejected(
        bank(),
        role("analyst"),
        filters(filter("counterparty", "starts with", "a\nb")),
        Problem.BAD_VALUE,
        "filters[0].value: a value for column counterparty must not contain control characters,"
            + " found U+000A at position 1");
    QueryPlan tab =
        planner().plan(bank(), role("analyst"), filters(filter("counterparty", "=", "a\tb")));
    assertThat(tab.filters().get(0).values()).containsExactly("a\tb");
  }

  @Test
  void refusesBadLimitsViewsAndSorts() {
    assertRejected(
        bank(),
        role("analyst"),
        new QueryRequest(null, null, null, 0, null, null),
        Problem.BAD_VALUE,
        "limit: must be between 1 and 100000, got 0");
    assertRejected(
        bank(),
        role("analyst"),
        new QueryRequest(null, null, null, 100001, null, null),
        Problem.BAD_VALUE,
        "limit: must be between 1 and 100000, got 100001");
    assertRejected(
        bank(),
        role("analyst"),
        new QueryRequest(null, null, null, null, "latest", null),
        Problem.BAD_VALUE,
        "view: expected current or history, got \"latest\"");
    assertRejected(
        bank(),
        role("analyst"),
        new QueryRequest(null, null, List.of(new SortRequest("amount", "up")), null, null, null),
        Problem.BAD_VALUE,
        "orderBy[0].direction: expected asc or desc, got \"up\"");
    assertRejected(
        bank(),
        role("analyst"),
        new QueryRequest(
            null,
            null,
            List.of(new SortRequest("amount", "asc"), new SortRequest("amount", "desc")),
            null,
            null,
            null),
        Problem.BAD_REQUEST,
        "orderBy[1].column: column amount is sorted twice");
    List<SortRequest> nine = new ArrayList<>();
    for (String column :
        List.of(
            "transaction_id",
            "booking_date",
            "amount",
            "currency",
            "counterparty",
            "channel",
            "_batch_id",
            "_ingested_at",
            "_source_key")) {
      nine.add(new SortRequest(column, null));
    }
    assertRejected(
        bank(),
        role("analyst"),
        new QueryRequest(null, null, nine, null, null, null),
        Problem.TOO_MANY_SORTS,
        "orderBy: at most 8 entries are allowed, got 9");
  }

  @Test
  void refusesMalformedAndFutureAsOf() {
    assertRejected(
        bank(),
        role("analyst"),
        new QueryRequest(null, null, null, null, null, "2024-01-15T08:30:00"),
        Problem.BAD_VALUE,
        "asOf: expected an ISO-8601 timestamp with offset or Z (e.g. 2024-01-15T08:30:00Z) or a"
            + " date (yyyy-MM-dd), got \"2024-01-15T08:30:00\"");
    assertRejected(
        bank(),
        role("analyst"),
        new QueryRequest(null, null, null, null, null, "yesterday"),
        Problem.BAD_VALUE,
        "asOf: expected an ISO-8601 timestamp with offset or Z (e.g. 2024-01-15T08:30:00Z) or a"
            + " date (yyyy-MM-dd), got \"yesterday\"");
    assertRejected(
        bank(),
        role("analyst"),
        new QueryRequest(null, null, null, null, null, "2024-01-20T12:00:00.000001Z"),
        Problem.BAD_VALUE,
        "asOf: 2024-01-20T12:00:00.000001Z is in the future");
    assertRejected(
        bank(),
        role("analyst"),
        new QueryRequest(null, null, null, null, null, "2024-01-21"),
        Problem.BAD_VALUE,
        "asOf: 2024-01-21T00:00:00Z is in the future");
  }

  @Test
  void showsHostileValuesInMessagesEscapedAndCut() {
    assertRejected(
        bank(),
        role("analyst"),
        filters(filter("booking_date", "=", "'; DROP TABLE x; --\u2019\"" + "y".repeat(50))),
        Problem.BAD_VALUE,
        "filters[0].value: expected a date (yyyy-MM-dd) for column booking_date, got \"';"
            + " DROP TABLE x; --\u2019\\u0022yyyyyyyyyyyyyyyyyyy...\"");
  }

  @Test
  void refusesRequestsLargerThanTheLimitsBeforeCheckingTheirParts() {
    QueryPlanner small =
        new QueryPlanner(
            new QueryLimits(10, 100, 3, 4, 2, 1, 1),
            Clock.fixed(QueryFixtures.NOW, ZoneOffset.UTC));
    List<FilterRequest> fourFilters = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      // Unknown columns: the count is refused before any filter is looked at.
      fourFilters.add(filter("no_such_column_" + i, "=", "x"));
    }

    assertThatThrownBy(
            () ->
                small.plan(
                    bank(),
                    role("analyst"),
                    new QueryRequest(null, fourFilters, null, null, null, null)))
        .hasMessage("filters: at most 3 filters are allowed, got 4")
        .extracting(e -> ((QueryRejectedException) e).problem())
        .isEqualTo(Problem.TOO_MANY_FILTERS);
    assertThatThrownBy(() -> small.plan(bank(), role("analyst"), columns("x", "y", "z")))
        .hasMessage("columns: at most 2 columns are allowed, got 3")
        .extracting(e -> ((QueryRejectedException) e).problem())
        .isEqualTo(Problem.TOO_MANY_COLUMNS);
    assertThatThrownBy(
            () ->
                small.plan(
                    bank(),
                    role("analyst"),
                    filters(filterValues("currency", "in", "A", "B", "C", "D", "E"))))
        .hasMessageStartingWith("filters[0].values: 'in' takes at most 4 values, got 5")
        .extracting(e -> ((QueryRejectedException) e).problem())
        .isEqualTo(Problem.TOO_MANY_VALUES);
    assertThat(
            small
                .plan(
                    bank(),
                    role("analyst"),
                    filters(filterValues("currency", "in", "A", "B", "C", "D")))
                .filters())
        .hasSize(1);
  }

  private static void assertRejected(
      DatasetContract contract,
      RoleGrant role,
      QueryRequest request,
      Problem problem,
      String message) {
    assertThatThrownBy(() -> planner().plan(contract, role, request))
        .isInstanceOf(QueryRejectedException.class)
        .hasMessage(message)
        .extracting(e -> ((QueryRejectedException) e).problem())
        .isEqualTo(problem);
  }
}
