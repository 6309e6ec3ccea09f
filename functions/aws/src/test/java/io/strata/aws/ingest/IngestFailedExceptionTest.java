package io.strata.aws.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IngestFailedExceptionTest {

  @Test
  void aFailureOnBrokenContractsCarriesNoStackTraceSoTheRuntimeLogsItInOneLine() {
    IngestFailedException e =
        IngestFailedException.brokenContracts(
            List.of(
                "s3://raw/bank_transactions/a.csv (Cannot load contract bank_transactions.yaml:"
                    + " columns[3].type: unknown type 'decmial(18,2)')"));

    assertThat(e.brokenContracts()).isTrue();
    assertThat(e.getCause()).isNull();
    assertThat(e.getStackTrace()).isEmpty();
    assertThat(e.getMessage())
        .isEqualTo(
            "Cannot ingest 1 object: s3://raw/bank_transactions/a.csv (Cannot load contract"
                + " bank_transactions.yaml: columns[3].type: unknown type 'decmial(18,2)')");
  }

  @Test
  void anyOtherFailureKeepsItsCauseForTheLog() {
    IllegalStateException cause = new IllegalStateException("S3 is down");

    IngestFailedException e =
        new IngestFailedException(
            List.of("s3://raw/a.csv (S3 is down)", "s3://raw/b.csv (x)"), cause);

    assertThat(e.brokenContracts()).isFalse();
    assertThat(e.getCause()).isSameAs(cause);
    assertThat(e.getStackTrace()).isNotEmpty();
    assertThat(e.getMessage()).startsWith("Cannot ingest 2 objects: ");
  }
}
