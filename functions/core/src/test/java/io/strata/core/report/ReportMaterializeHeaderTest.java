package io.strata.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.query.QueryFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code materialize:} key of a report header. */
class ReportMaterializeHeaderTest {

  private static final String BODY =
      "SELECT currency, count(*) AS n FROM {{bank_transactions}} GROUP BY currency\n";

  @Test
  void readsOnCommit() {
    ReportDefinition report = parse("-- description: Totals.\n-- materialize: on_commit\n" + BODY);

    assertThat(report.materialize()).isEqualTo(Materialize.ON_COMMIT);
    assertThat(report.materialized()).isTrue();
  }

  @Test
  void aReportWithoutTheKeyIsNeverMaterialized() {
    ReportDefinition report = parse("-- description: Totals.\n" + BODY);

    assertThat(report.materialize()).isEqualTo(Materialize.NEVER);
    assertThat(report.materialized()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "materialize: daily|materialize: unknown value 'daily' (expected on_commit or never)",
        "materialize: true|materialize: must be on_commit or never",
        "materialize: {schedule: rate(1 hour)}|materialize.schedule: scheduled refreshes are not"
            + " supported",
        "materialize: [on_commit]|materialize: must be on_commit or never"
      })
  void refusesABadValueNamingTheKey(String line, String message) {
    assertThatThrownBy(() -> parse("-- description: Totals.\n-- " + line + "\n" + BODY))
        .isInstanceOf(ReportException.class)
        .hasMessageStartingWith("Cannot load report totals.sql: " + message);
  }

  @Test
  void refusesToMaterializeAReportWithParameters() {
    String text =
        """
        -- description: Totals from a day.
        -- materialize: on_commit
        -- parameters:
        --   from: {type: date}
        SELECT currency, count(*) AS n FROM {{bank_transactions}}
        WHERE booking_date >= :from GROUP BY currency
        """;

    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(ReportException.class)
        .hasMessage(
            "Cannot load report totals.sql: materialize: a report with parameters cannot be"
                + " materialized: its result depends on values each caller gives; remove"
                + " materialize, or the parameters");
  }

  private static ReportDefinition parse(String text) {
    return ReportLoader.parse("totals.sql", text, QueryFixtures.demoContracts());
  }
}
