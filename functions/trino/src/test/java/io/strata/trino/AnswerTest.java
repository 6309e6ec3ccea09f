package io.strata.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerTest {

  @Test
  void readsValuesAsTheApiGivesThemWhateverTheEnginesTypeWidth() throws SQLException {
    Answer answer =
        read(
            "SELECT 'x' AS s, 'NULL' AS word, NULL::VARCHAR AS nothing, 7::INTEGER AS i,"
                + " 9007199254740993::HUGEINT AS h, 1.50::DECIMAL(18,2) AS d, 0.1::DOUBLE AS f,"
                + " true AS b, DATE '2024-01-15' AS day,"
                + " TIMESTAMPTZ '2024-01-15 23:59:59.9996+00' AS t");

    assertThat(answer.columns())
        .containsExactly(
            "s string",
            "word string",
            "nothing string",
            "i integer",
            "h integer",
            "d decimal(18,2)",
            "f double",
            "b boolean",
            "day date",
            "t timestamptz");
    assertThat(answer.rows())
        .containsExactly(
            List.of(
                "'x'",
                "'NULL'",
                Answer.NULL,
                "7",
                "9007199254740993",
                "1.50",
                "0.1",
                "true",
                "2024-01-15",
                "2024-01-15T23:59:59.999600Z"));
  }

  @Test
  void namesTrinosTypesWithTheSameKindsAsDuckDbs() {
    assertThat(Answer.kind("varchar")).isEqualTo(Answer.kind("VARCHAR")).isEqualTo("string");
    assertThat(Answer.kind("bigint")).isEqualTo(Answer.kind("HUGEINT")).isEqualTo("integer");
    assertThat(Answer.kind("integer")).isEqualTo("integer");
    assertThat(Answer.kind("decimal(38,2)")).isEqualTo(Answer.kind("DECIMAL(38,2)"));
    assertThat(Answer.kind("timestamp(6) with time zone"))
        .isEqualTo(Answer.kind("TIMESTAMP WITH TIME ZONE"))
        .isEqualTo("timestamptz");
    assertThat(Answer.kind("timestamp(3)")).isEqualTo("timestamp");
  }

  @Test
  void sortsRowsForStatementsThatOrderNone() {
    Answer answer =
        new Answer(List.of("a string"), List.of(List.of("'b'"), List.of("'a'"), List.of("NULL")));

    assertThat(answer.sorted().rows())
        .containsExactly(List.of("'a'"), List.of("'b'"), List.of("NULL"));
  }

  private static Answer read(String sql) throws SQLException {
    try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckDb.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      try (ResultSet result = statement.executeQuery(sql)) {
        return Answer.read(result);
      }
    }
  }
}
