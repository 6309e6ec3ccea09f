package io.strata.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DuckDbFileListsTest {

  @Test
  void aQueryOverMoreFilesOfALaterSnapshotIsTheSameTextWithoutItsFileLists() {
    String before =
        "SELECT \"a\" FROM (SELECT \"a\" FROM read_parquet(['/lake/d/data/x=it''s]/1.parquet'],"
            + " schema = MAP {1: {name: 'a', type: 'BIGINT', default_value: NULL}},"
            + " hive_partitioning = false)) WHERE \"a\" = ?";
    String after =
        before.replace(
            "['/lake/d/data/x=it''s]/1.parquet']",
            "['/lake/d/data/x=it''s]/1.parquet', '/lake/d/data/x=b/2.parquet']");
    String otherFilter = after.replace("\"a\" = ?", "\"a\" > ?");

    assertThat(DuckDbDialect.withoutFileLists(after))
        .isEqualTo(DuckDbDialect.withoutFileLists(before))
        .contains("read_parquet([…], schema = MAP {1: {name: 'a'")
        .doesNotContain("parquet'");
    assertThat(DuckDbDialect.withoutFileLists(otherFilter))
        .isNotEqualTo(DuckDbDialect.withoutFileLists(before));
  }
}
