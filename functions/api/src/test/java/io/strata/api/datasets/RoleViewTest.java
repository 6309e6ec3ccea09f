package io.strata.api.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.access.DatasetGrant;
import io.strata.core.access.FilterOperator;
import io.strata.core.access.RowFilter;
import io.strata.core.contract.ContractLoader;
import io.strata.core.contract.DatasetContract;
import io.strata.core.query.VisibleColumn;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleViewTest {

  private static final DatasetContract BANK =
      ContractLoader.load(Path.of("../../datasets/bank_transactions.yaml"));
  private static final BatchSummary BATCH =
      new BatchSummary(
          "0a1b2c3d4e5f60718293a4b5",
          "s3://strata-raw/bank_transactions/2024/01/15/transactions.csv",
          1,
          Instant.parse("2024-01-15T06:00:00Z"),
          Instant.parse("2024-01-15T06:00:02Z"),
          21L,
          0L);

  @Test
  void unrestrictedRoleSeesKeyPartitionsAndBatchDetails() {
    RoleView view = new RoleView(BANK, DatasetGrant.unrestricted("bank_transactions"));

    assertThat(view.businessKey()).containsExactly("transaction_id");
    assertThat(view.partitionKeys()).containsExactly("booking_date");
    assertThat(view.mayListPartitions()).isTrue();
    assertThat(view.batches(List.of(BATCH))).containsExactly(BATCH);
  }

  @Test
  void hiddenPartitionAndKeyColumnsAreNeitherNamedNorListed() {
    RoleView view =
        new RoleView(
            BANK,
            new DatasetGrant(
                "bank_transactions", List.of("booking_date", "transaction_id"), List.of(), null));

    assertThat(view.businessKey()).isEmpty();
    assertThat(view.partitionKeys()).isEmpty();
    assertThat(view.mayListPartitions()).isFalse();
    assertThat(view.columns()).extracting(VisibleColumn::name).doesNotContain("booking_date");
  }

  @Test
  void maskedPartitionColumnKeepsItsNameButNotItsValues() {
    RoleView view =
        new RoleView(
            BANK, new DatasetGrant("bank_transactions", List.of(), List.of("booking_date"), null));

    assertThat(view.partitionKeys()).containsExactly("booking_date");
    assertThat(view.mayListPartitions()).isFalse();
  }

  @Test
  void dayPartitionOfAHiddenTimestampIsNeitherNamedNorListed() {
    DatasetContract telecom = ContractLoader.load(Path.of("../../datasets/telecom_usage.yaml"));
    RoleView hidden =
        new RoleView(
            telecom, new DatasetGrant("telecom_usage", List.of("event_time"), List.of(), null));
    RoleView masked =
        new RoleView(
            telecom, new DatasetGrant("telecom_usage", List.of(), List.of("event_time"), null));

    assertThat(hidden.partitionKeys()).isEmpty();
    assertThat(hidden.mayListPartitions()).isFalse();
    assertThat(masked.partitionKeys()).isEmpty();
    assertThat(masked.mayListPartitions()).isFalse();
    assertThat(new RoleView(telecom, DatasetGrant.unrestricted("telecom_usage")).partitionKeys())
        .containsExactly("event_date");
  }

  @Test
  void rowFilteredRoleSeesNoPartitionValuesNorWhatBatchesHeld() {
    RoleView view =
        new RoleView(
            BANK,
            new DatasetGrant(
                "bank_transactions",
                List.of(),
                List.of(),
                RowFilter.of("currency", FilterOperator.EQUAL, "EUR")));

    assertThat(view.mayListPartitions()).isFalse();
    assertThat(view.batches(List.of(BATCH)))
        .containsExactly(
            new BatchSummary(
                BATCH.batchId(), null, 1, BATCH.ingestedAt(), BATCH.committedAt(), null, null));
  }
}
