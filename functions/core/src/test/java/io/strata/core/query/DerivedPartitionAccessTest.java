package io.strata.core.query;

import static io.strata.core.query.QueryFixtures.columns;
import static io.strata.core.query.QueryFixtures.filter;
import static io.strata.core.query.QueryFixtures.filters;
import static io.strata.core.query.QueryFixtures.grant;
import static io.strata.core.query.QueryFixtures.payments;
import static io.strata.core.query.QueryFixtures.planner;
import static io.strata.core.query.QueryFixtures.roleWith;
import static io.strata.core.query.QueryFixtures.telecom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.access.DatasetGrant;
import io.strata.core.access.RoleGrant;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A derived partition column ({@code event_date}, the day of {@code event_time}) follows its source
 * column: hidden when the source is hidden or masked. An identity partition column is the contract
 * column itself, so the grant applies to it by name.
 */
class DerivedPartitionAccessTest {

  private static final List<String> TELECOM_WITHOUT_EVENT_DATE =
      List.of("event_id", "subscriber_id", "event_type", "duration_s", "bytes", "cell_id");

  @ParameterizedTest
  @ValueSource(strings = {"hidden", "masked"})
  void refusesDerivedPartitionLikeAnUnknownColumnWhenItsSourceIsHiddenOrMasked(String rule) {
    RoleGrant role = telecomRole(rule, "event_time");

    assertRejectedAsUnknown(role, columns("event_id", "event_date"), "columns[1]");
    assertRejectedAsUnknown(
        role, filters(filter("event_date", "=", "2024-01-15")), "filters[0].column");
    assertRejectedAsUnknown(
        role,
        new QueryRequest(
            null, null, List.of(new SortRequest("event_date", "desc")), null, null, null),
        "orderBy[0].column");
  }

  @Test
  void leavesDerivedPartitionOutOfDefaultColumnsWhenItsSourceIsHidden() {
    QueryPlan plan = planner().plan(telecom(), telecomRole("hidden", "event_time"), null);

    assertThat(plan.outputColumns()).containsExactlyElementsOf(TELECOM_WITHOUT_EVENT_DATE);
  }

  @Test
  void leavesDerivedPartitionOutOfDefaultColumnsWhenItsSourceIsMasked() {
    QueryPlan plan = planner().plan(telecom(), telecomRole("masked", "event_time"), null);

    assertThat(plan.outputColumns())
        .containsExactly(
            "event_id",
            "subscriber_id",
            "event_type",
            "event_time",
            "duration_s",
            "bytes",
            "cell_id");
    assertThat(plan.columns().get(3))
        .isEqualTo(new PlannedColumn("event_time", ColumnType.of(ColumnType.Kind.TIMESTAMP), true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hidden", "masked"})
  void visibleSchemaOmitsDerivedPartitionWhenItsSourceIsHiddenOrMasked(String rule) {
    List<VisibleColumn> columns = VisibleSchema.of(telecom(), telecomGrant(rule, "event_time"));

    List<String> expected =
        rule.equals("hidden")
            ? List.of(
                "event_id:column",
                "subscriber_id:column",
                "event_type:column",
                "duration_s:column",
                "bytes:column",
                "cell_id:column",
                "_batch_id:lineage",
                "_ingested_at:lineage",
                "_source_key:lineage",
                "_source_line:lineage")
            : List.of(
                "event_id:column",
                "subscriber_id:column",
                "event_type:column",
                "event_time:column:masked",
                "duration_s:column",
                "bytes:column",
                "cell_id:column",
                "_batch_id:lineage",
                "_ingested_at:lineage",
                "_source_key:lineage",
                "_source_line:lineage");
    assertThat(columns)
        .extracting(c -> c.name() + ":" + c.kind() + (c.masked() ? ":masked" : ""))
        .containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hidden", "masked"})
  void governedViewOmitsDerivedPartitionWhenItsSourceIsHiddenOrMasked(String rule) {
    QueryPlan view = QueryPlanner.governedView(telecom(), telecomRole(rule, "event_time"));

    List<String> expected =
        rule.equals("hidden")
            ? List.of(
                "event_id",
                "subscriber_id",
                "event_type",
                "duration_s",
                "bytes",
                "cell_id",
                "_batch_id",
                "_ingested_at",
                "_source_key",
                "_source_line")
            : List.of(
                "event_id",
                "subscriber_id",
                "event_type",
                "event_time",
                "duration_s",
                "bytes",
                "cell_id",
                "_batch_id",
                "_ingested_at",
                "_source_key",
                "_source_line");
    assertThat(view.outputColumns()).containsExactlyElementsOf(expected);
  }

  @Test
  void keepsDerivedPartitionWhenOnlyAnotherColumnIsHiddenOrMasked() {
    RoleGrant role =
        roleWith(
            "auditor", grant("telecom_usage", List.of("subscriber_id"), List.of("cell_id"), null));

    QueryPlan plan =
        planner()
            .plan(
                telecom(),
                role,
                new QueryRequest(
                    List.of("event_date"),
                    List.of(filter("event_date", ">=", "2024-01-15")),
                    List.of(new SortRequest("event_date", "asc")),
                    null,
                    null,
                    null));

    assertThat(plan.columns())
        .containsExactly(
            new PlannedColumn("event_date", ColumnType.of(ColumnType.Kind.DATE), false));
    assertThat(plan.orderBy()).containsExactly(new PlannedSort("event_date", false));
    assertThat(VisibleSchema.of(telecom(), role.grantFor("telecom_usage").orElseThrow()))
        .extracting(VisibleColumn::name)
        .contains("event_date");
    assertThat(QueryPlanner.governedView(telecom(), role).outputColumns()).contains("event_date");
  }

  @Test
  void identityPartitionFollowsTheGrantOfItsOwnColumn() {
    DatasetContract payments = payments();
    RoleGrant hides =
        roleWith("clerk", grant("payments", List.of("booking_date"), List.of(), null));
    RoleGrant masks =
        roleWith("clerk", grant("payments", List.of(), List.of("booking_date"), null));

    assertThatThrownBy(() -> planner().plan(payments, hides, columns("booking_date")))
        .isInstanceOf(QueryRejectedException.class)
        .hasMessage("columns[0]: unknown column 'booking_date' in dataset payments");
    assertThat(planner().plan(payments, masks, columns("booking_date", "booked_day")).columns())
        .containsExactly(
            new PlannedColumn("booking_date", ColumnType.of(ColumnType.Kind.DATE), true),
            new PlannedColumn("booked_day", ColumnType.of(ColumnType.Kind.DATE), false));
    assertThatThrownBy(
            () ->
                planner().plan(payments, masks, filters(filter("booking_date", "=", "2024-01-15"))))
        .isInstanceOf(QueryRejectedException.class)
        .hasMessage(
            "Role clerk may not filter on column booking_date (filters[0].column): access.yaml"
                + " masks it in dataset payments");
  }

  @Test
  void derivedPartitionOfPaymentsFollowsItsTimestampSource() {
    RoleGrant role = roleWith("clerk", grant("payments", List.of(), List.of("booked_at"), null));

    assertThat(VisibleSchema.of(payments(), role.grantFor("payments").orElseThrow()))
        .extracting(c -> c.name() + (c.masked() ? ":masked" : ""))
        .contains("booked_at:masked", "booking_date")
        .doesNotContain("booked_day");
  }

  private static DatasetGrant telecomGrant(String rule, String column) {
    return rule.equals("hidden")
        ? grant("telecom_usage", List.of(column), List.of(), null)
        : grant("telecom_usage", List.of(), List.of(column), null);
  }

  private static RoleGrant telecomRole(String rule, String column) {
    return roleWith("field-ops", telecomGrant(rule, column));
  }

  private static void assertRejectedAsUnknown(RoleGrant role, QueryRequest request, String field) {
    assertThatThrownBy(() -> planner().plan(telecom(), role, request))
        .isInstanceOf(QueryRejectedException.class)
        .hasMessage(field + ": unknown column 'event_date' in dataset telecom_usage")
        .extracting(e -> ((QueryRejectedException) e).problem())
        .isEqualTo(Problem.UNKNOWN_COLUMN);
  }
}
