package io.strata.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.core.query.QueryLabel;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryMetricsTest {

  private static final Instant AT = Instant.parse("2026-01-15T06:00:00Z");

  @Test
  void finishedQueryPublishesLatencyAndBytesScannedPerLakeKindAndDataset() throws Exception {
    // given
    QueryLabel label =
        new QueryLabel(
            "query",
            "arn:aws:iam::1:role/a",
            "analyst",
            "bank_transactions",
            null,
            null,
            null,
            1,
            null,
            List.of("amount"),
            List.of());
    QueryStatus status =
        new QueryStatus("q-1", QueryState.SUCCEEDED, "SELECT 1", null, 4096L, 3L, AT, AT);

    // when
    String line = QueryMetrics.of("strata", label, status, Duration.ofMillis(250), AT).toJson();

    // then
    JsonNode root = new ObjectMapper().readTree(line);
    JsonNode directive = root.get("_aws").get("CloudWatchMetrics").get(0);
    assertThat(root.get("_aws").get("Timestamp").asLong()).isEqualTo(AT.toEpochMilli());
    assertThat(directive.get("Namespace").asText()).isEqualTo("Strata");
    assertThat(directive.get("Dimensions").toString())
        .isEqualTo("[[\"Lake\"],[\"Lake\",\"Kind\"],[\"Lake\",\"Dataset\"]]");
    List<String> units = new ArrayList<>();
    directive
        .get("Metrics")
        .forEach(m -> units.add(m.get("Name").asText() + ":" + m.get("Unit").asText()));
    assertThat(units)
        .containsExactly(
            "Queries:Count",
            "QueriesFailed:Count",
            "QueryLatency:Milliseconds",
            "BytesScanned:Bytes");
    assertThat(root.get("Dataset").asText()).isEqualTo("bank_transactions");
    assertThat(root.get("QueryLatency").asLong()).isEqualTo(250);
    assertThat(root.get("BytesScanned").asLong()).isEqualTo(4096);
    assertThat(root.get("QueriesFailed").asLong()).isZero();
    assertThat(line).doesNotContain("arn:aws").doesNotContain("amount");
  }
}
