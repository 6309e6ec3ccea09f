package io.strata.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamNamesTest {

  @Test
  void aStreamNamesTheDatasetAfterItsPrefix() {
    assertThat(StreamNames.streamOf("strata-", "bank_transactions"))
        .isEqualTo("strata-bank_transactions");
    assertThat(StreamNames.datasetOf("strata-", "strata-bank_transactions"))
        .contains("bank_transactions");
    assertThat(StreamNames.datasetOf("strata-", "other-bank_transactions")).isEmpty();
    assertThat(StreamNames.datasetOf("strata-", "strata-")).isEmpty();
    assertThat(StreamNames.datasetOf("strata-", "strata-Bank")).isEmpty();
  }

  @Test
  void theStreamNameComesFromTheEventSourceArn() {
    assertThat(
            StreamNames.fromArn(
                "arn:aws:kinesis:eu-west-1:123456789012:stream/strata-bank_transactions"))
        .contains("strata-bank_transactions");
    assertThat(StreamNames.fromArn("arn:aws:sqs:eu-west-1:123456789012:queue")).isEmpty();
    assertThat(StreamNames.fromArn(null)).isEmpty();
  }

  @Test
  void aBatchIsOrderedBySequenceNumberAndRefusesNonNumbers() {
    StreamBatch batch =
        new StreamBatch(
            "s",
            "shardId-0",
            List.of(
                record("100000000000000000000000000000000000000000000000000002"), record("99")));

    assertThat(batch.firstSequence()).isEqualTo("99");
    assertThat(batch.uri())
        .isEqualTo(
            "kinesis://s/shardId-0/99-100000000000000000000000000000000000000000000000000002");
    assertThatThrownBy(() -> record("12a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read stream record: sequence number '12a' is not a number");
    assertThatThrownBy(() -> new StreamBatch("s", "shardId-0", List.of()))
        .hasMessage("Cannot read stream batch of s/shardId-0: it holds no record");
  }

  private static StreamRecord record(String sequence) {
    return new StreamRecord(sequence, "k", Instant.EPOCH, new byte[0]);
  }
}
