package io.strata.api.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.access.DatasetGrant;
import io.strata.core.access.FilterOperator;
import io.strata.core.access.RowFilter;
import io.strata.core.contract.ContractLoader;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.QualityRule;
import io.strata.core.quality.BatchProfile;
import io.strata.core.quality.BatchProfiler;
import io.strata.core.quality.QualityRecord;
import io.strata.core.quality.QualityVerdict;
import io.strata.core.quality.VerdictOutcome;
import io.strata.core.table.BatchSnapshot;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityViewTest {

  private static final DatasetContract BANK =
      ContractLoader.load(Path.of("../../datasets/bank_transactions.yaml"));
  private static final BatchSnapshot BATCH =
      new BatchSnapshot(
          "0a1b2c3d4e5f60718293a4b5",
          "s3://strata-raw/bank_transactions/2024/01/15/transactions.csv",
          null,
          null,
          100,
          1,
          Instant.parse("2024-01-15T06:00:00Z"),
          Instant.parse("2024-01-15T06:01:00Z"),
          3,
          2,
          1,
          null);

  private static Map<String, String> summary() {
    BatchProfiler profiler = new BatchProfiler(BANK);
    profiler.add(row("TX0000000001", "****1234", "10.00", "EUR", "ATM"));
    profiler.add(row("TX0000000002", "****5678", "30.00", "USD", null));
    Map<String, String> summary = new HashMap<>();
    summary.put(BatchProfile.SUMMARY_KEY, profiler.profile().toJson());
    summary.put(
        QualityRecord.SUMMARY_KEY,
        QualityRecord.toJson(
            List.of(
                new QualityVerdict(
                    "row_count",
                    null,
                    QualityRule.Action.WARN,
                    VerdictOutcome.PASS,
                    2.0,
                    1.0,
                    3.0,
                    "ok"),
                new QualityVerdict(
                    "mean_shift",
                    "amount",
                    QualityRule.Action.QUARANTINE,
                    VerdictOutcome.PASS,
                    20.0,
                    10.0,
                    30.0,
                    "amount mean 20.0 within 10.0 to 30.0"),
                new QualityVerdict(
                    "null_rate",
                    "channel",
                    QualityRule.Action.WARN,
                    VerdictOutcome.WARN,
                    0.5,
                    null,
                    0.1,
                    "channel is 50% null"))));
    return summary;
  }

  private static Object[] row(
      String id, String iban, String amount, String currency, String channel) {
    return new Object[] {
      id, iban, LocalDate.of(2024, 1, 15), new BigDecimal(amount), currency, null, channel
    };
  }

  @Test
  void unrestrictedRoleSeesEveryColumnWithItsValuesButNeverAPiiValue() {
    BatchQuality batch =
        new QualityView(DatasetGrant.unrestricted("bank_transactions")).of(42L, BATCH, summary());

    assertThat(batch.rows()).isEqualTo(2);
    assertThat(batch.rowsRejected()).isEqualTo(1);
    assertThat(batch.snapshotId()).isEqualTo(42L);
    assertThat(batch.outcome()).isEqualTo("committed");
    assertThat(batch.columns().get("amount").min()).isEqualTo("10.00");
    assertThat(batch.columns().get("amount").max()).isEqualTo("30.00");
    assertThat(batch.columns().get("amount").mean()).isEqualTo(20.0);
    assertThat(batch.columns().get("channel").nullRate()).isEqualTo(0.5);
    assertThat(batch.columns().get("currency").top()).hasSize(2);
    ColumnQuality iban = batch.columns().get("account_iban");
    assertThat(iban.distinct()).isEqualTo(2L);
    assertThat(iban.min()).isNull();
    assertThat(iban.max()).isNull();
    assertThat(iban.top()).isNull();
    assertThat(batch.verdicts()).extracting(VerdictView::rule).hasSize(3);
    assertThat(batch.verdicts().get(0).action()).isEqualTo("warn");
    assertThat(batch.verdicts().get(2).outcome()).isEqualTo("warn");
  }

  @Test
  void hiddenColumnHasNoEntryAndNoVerdict() {
    BatchQuality batch =
        new QualityView(new DatasetGrant("bank_transactions", List.of("channel"), List.of(), null))
            .of(42L, BATCH, summary());

    assertThat(batch.columns()).doesNotContainKey("channel").containsKey("amount");
    assertThat(batch.verdicts()).extracting(VerdictView::column).doesNotContain("channel");
  }

  @Test
  void maskedColumnKeepsCountsButNoValuesAndItsValueVerdictsNoFigures() {
    BatchQuality batch =
        new QualityView(new DatasetGrant("bank_transactions", List.of(), List.of("amount"), null))
            .of(42L, BATCH, summary());

    ColumnQuality amount = batch.columns().get("amount");
    assertThat(amount.nulls()).isZero();
    assertThat(amount.distinct()).isEqualTo(2L);
    assertThat(amount.min()).isNull();
    assertThat(amount.max()).isNull();
    assertThat(amount.mean()).isNull();
    assertThat(amount.stddev()).isNull();
    VerdictView shift = batch.verdicts().get(1);
    assertThat(shift.rule()).isEqualTo("mean_shift");
    assertThat(shift.outcome()).isEqualTo("pass");
    assertThat(shift.observed()).isNull();
    assertThat(shift.message()).isNull();
  }

  @Test
  void roleThatSeesSomeRowsGetsNoFigureDescribingAllRows() {
    RowFilter euroOnly = RowFilter.of("currency", FilterOperator.EQUAL, "EUR");
    BatchQuality batch =
        new QualityView(new DatasetGrant("bank_transactions", List.of(), List.of(), euroOnly))
            .of(42L, BATCH, summary());

    assertThat(batch.rows()).isNull();
    assertThat(batch.rowsRejected()).isNull();
    assertThat(batch.columns()).isEmpty();
    assertThat(batch.verdicts()).allSatisfy(v -> assertThat(v.observed()).isNull());
  }

  @Test
  void batchCommittedBeforeProfilesExistedShowsItsRowCountAndNoColumns() {
    BatchQuality batch =
        new QualityView(DatasetGrant.unrestricted("bank_transactions")).of(7L, BATCH, Map.of());

    assertThat(batch.rows()).isEqualTo(2);
    assertThat(batch.columns()).isEmpty();
    assertThat(batch.verdicts()).isEmpty();
  }
}
