package io.strata.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryLabelTest {

  private final QueryLabel label =
      new QueryLabel(
          "export",
          "arn:aws:iam::123456789012:role/StrataDataScientist",
          "data-scientist",
          "telecom_usage",
          null,
          "current",
          "2024-01-15T00:00:00Z",
          3,
          "20240115T000000Z-0a1b2c3d",
          List.of("event_id", "duration_seconds"),
          List.of());

  @Test
  void labelTravelsAsTheFirstLineOfTheStatementAndReadsBack() {
    SqlStatement labelled = label.applyTo(new SqlStatement("SELECT 1 WHERE x = ?", List.of(5L)));

    assertThat(labelled.sql())
        .startsWith("/* strata:{\"kind\":\"export\",")
        .endsWith(" */\nSELECT 1 WHERE x = ?");
    assertThat(labelled.parameters()).containsExactly(5L);
    assertThat(QueryLabel.of(labelled.sql())).contains(label);
  }

  @Test
  void statementsWithoutALabelOrWithABrokenOneHaveNone() {
    assertThat(QueryLabel.of("SELECT 1")).isEmpty();
    assertThat(QueryLabel.of("/* strata:{\"kind\": */\nSELECT 1")).isEmpty();
    assertThat(QueryLabel.of("/* strata:{\"kind\":\"query\"} */\nSELECT 1")).isEmpty();
    assertThat(QueryLabel.of(null)).isEmpty();
  }

  @Test
  void labelThatWouldCloseTheCommentEarlyIsRefused() {
    QueryLabel hostile =
        new QueryLabel("query", "x", "r", "d */ DROP", null, null, null, null, null, null, null);

    assertThatThrownBy(() -> hostile.applyTo(new SqlStatement("SELECT 1", List.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot write query label: it would end the comment early");
  }
}
