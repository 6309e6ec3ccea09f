package io.strata.aws.athena;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Recognising an UNLOAD behind the API's label comment. */
class AthenaStatementsTest {

  @Test
  void recognisesAnUnloadInAnyCaseBehindCommentsAndWhitespace() {
    assertThat(AthenaStatements.isUnload(AthenaFixtures.UNLOAD)).isTrue();
    assertThat(AthenaStatements.isUnload("UNLOAD (SELECT 1) TO 's3://b/p/'")).isTrue();
    assertThat(AthenaStatements.isUnload("  \n\tUnLoad(SELECT 1) TO 's3://b/p/'")).isTrue();
    assertThat(AthenaStatements.isUnload("/* a */ /* b */\nunload (SELECT 1) TO 's3://b/p/'"))
        .isTrue();
  }

  @Test
  void doesNotTakeOtherStatementsForAnUnload() {
    assertThat(AthenaStatements.isUnload(AthenaFixtures.SELECT)).isFalse();
    assertThat(AthenaStatements.isUnload("SELECT 'UNLOAD (x)'")).isFalse();
    assertThat(AthenaStatements.isUnload("/* UNLOAD */ SELECT 1")).isFalse();
    assertThat(AthenaStatements.isUnload("unloaded_rows")).isFalse();
    assertThat(AthenaStatements.isUnload("/* never closed UNLOAD (SELECT 1)")).isFalse();
    assertThat(AthenaStatements.isUnload("-- comment\nUNLOAD (SELECT 1) TO 's3://b/p/'")).isFalse();
    assertThat(AthenaStatements.isUnload("")).isFalse();
    assertThat(AthenaStatements.isUnload(null)).isFalse();
  }
}
