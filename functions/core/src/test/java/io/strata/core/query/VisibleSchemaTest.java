package io.strata.core.query;

import static io.strata.core.query.QueryFixtures.bank;
import static io.strata.core.query.QueryFixtures.role;
import static io.strata.core.query.QueryFixtures.telecom;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.access.DatasetGrant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisibleSchemaTest {

  @Test
  void leavesOutHiddenColumnsAndListsPartitionAndLineageColumnsWithAthenaTypes() {
    DatasetGrant grant = role("analyst").grantFor("telecom_usage").orElseThrow();

    List<VisibleColumn> columns = VisibleSchema.of(telecom(), grant);

    assertThat(columns)
        .containsExactly(
            new VisibleColumn("event_id", "string", "", false, "column"),
            new VisibleColumn("event_type", "string", "", false, "column"),
            new VisibleColumn(
                "event_time",
                "timestamp",
                "When the event started, ISO-8601 with an offset.",
                false,
                "column"),
            new VisibleColumn("duration_s", "int", "", false, "column"),
            new VisibleColumn("bytes", "bigint", "", false, "column"),
            new VisibleColumn("cell_id", "string", "", false, "column"),
            new VisibleColumn("_batch_id", "string", "batch that wrote the row", false, "lineage"),
            new VisibleColumn(
                "_ingested_at", "timestamp", "when the batch arrived (UTC)", false, "lineage"),
            new VisibleColumn(
                "_source_key", "string", "raw object the row came from", false, "lineage"),
            new VisibleColumn(
                "_source_line", "bigint", "line of the row in that object", false, "lineage"));
  }

  @Test
  void marksMaskedColumnsAndKeepsIdentityPartitionsInContractOrder() {
    DatasetGrant grant = role("analyst").grantFor("bank_transactions").orElseThrow();

    List<VisibleColumn> columns = VisibleSchema.of(bank(), grant);

    assertThat(columns)
        .extracting(c -> c.name() + ":" + c.type() + ":" + c.kind() + (c.masked() ? ":masked" : ""))
        .containsExactly(
            "transaction_id:string:column",
            "account_iban:string:column:masked",
            "booking_date:date:partition",
            "amount:decimal(18,2):column",
            "currency:string:column",
            "counterparty:string:column",
            "channel:string:column",
            "_batch_id:string:lineage",
            "_ingested_at:timestamp:lineage",
            "_source_key:string:lineage",
            "_source_line:bigint:lineage");
  }

  @Test
  void storedPiiColumnsAreStringsAndDroppedOnesAbsent() {
    List<VisibleColumn> columns =
        VisibleSchema.of(QueryFixtures.payments(), DatasetGrant.unrestricted("payments"));

    assertThat(columns)
        .extracting(c -> c.name() + ":" + c.type())
        .containsExactly(
            "id:bigint",
            "booking_date:date",
            "customer:string",
            "iban:string",
            "email:string",
            "active:boolean",
            "quantity:int",
            "amount:decimal(18,2)",
            "ratio:double",
            "booked_at:timestamp",
            "_batch_id:string",
            "_ingested_at:timestamp",
            "_source_key:string",
            "_source_line:bigint");
  }
}
