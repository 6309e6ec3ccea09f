package io.strata.core.metrics;

import static io.strata.core.metrics.EmfAssertions.dimensionSets;
import static io.strata.core.metrics.EmfAssertions.unitOf;
import static io.strata.core.metrics.EmfAssertions.validEmf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsDocumentTest {

  private static final Instant AT = Instant.parse("2026-01-15T06:00:00.123Z");

  @Test
  void rendersEmbeddedMetricFormatWithTimestampNamespaceDimensionSetsAndUnits() {
    // when
    String line =
        MetricsDocument.builder("Strata", AT)
            .dimension("Lake", "strata")
            .dimension("Dataset", "bank_transactions")
            .dimensionSet("Lake")
            .dimensionSet("Lake", "Dataset")
            .count("RowsAccepted", 1000)
            .metric("CommitLatency", MetricUnit.MILLISECONDS, 12.5)
            .build()
            .toJson();

    // then
    JsonNode root = validEmf(line);
    assertThat(root.get("_aws").get("Timestamp").asLong()).isEqualTo(AT.toEpochMilli());
    assertThat(root.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText())
        .isEqualTo("Strata");
    assertThat(dimensionSets(root))
        .containsExactlyInAnyOrder(Set.of("Lake"), Set.of("Lake", "Dataset"));
    assertThat(root.get("Lake").asText()).isEqualTo("strata");
    assertThat(root.get("Dataset").asText()).isEqualTo("bank_transactions");
    assertThat(root.get("RowsAccepted").isIntegralNumber()).isTrue();
    assertThat(root.get("RowsAccepted").asLong()).isEqualTo(1000);
    assertThat(root.get("CommitLatency").asDouble()).isEqualTo(12.5);
    assertThat(unitOf(root, "RowsAccepted")).isEqualTo("Count");
    assertThat(unitOf(root, "CommitLatency")).isEqualTo("Milliseconds");
  }

  @Test
  void escapesDimensionValuesAsJsonStrings() {
    // when
    String line =
        MetricsDocument.builder("Strata", AT)
            .dimension("Dataset", "quote\"and\\slash")
            .count("Batches", 1)
            .build()
            .toJson();

    // then
    assertThat(validEmf(line).get("Dataset").asText()).isEqualTo("quote\"and\\slash");
  }

  @Test
  void usesAllDimensionsAsTheOneSetWhenNoneIsNamed() {
    // when
    JsonNode root =
        validEmf(
            MetricsDocument.builder("Strata", AT)
                .dimension("Lake", "strata")
                .count("Batches", 1)
                .build()
                .toJson());

    // then
    assertThat(dimensionSets(root)).containsExactly(Set.of("Lake"));
  }

  @Test
  void refusesDimensionSetNamingADimensionWithoutValue() {
    MetricsDocument.Builder builder =
        MetricsDocument.builder("Strata", AT).dimensionSet("Dataset").count("Batches", 1);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot build metrics of Strata: dimension Dataset has no value");
  }

  @Test
  void refusesBlankOrOverlongDimensionValues() {
    MetricsDocument.Builder builder = MetricsDocument.builder("Strata", AT);

    assertThatThrownBy(() -> builder.dimension("Dataset", " "))
        .hasMessage("Cannot set dimension Dataset: its value must have 1 to 1024 characters");
    assertThatThrownBy(() -> builder.dimension("Dataset", "x".repeat(1025)))
        .hasMessage("Cannot set dimension Dataset: its value must have 1 to 1024 characters");
  }

  @Test
  void refusesMetricTwiceNonFiniteValuesAndNamesClashingWithDimensions() {
    MetricsDocument.Builder builder = MetricsDocument.builder("Strata", AT).count("Batches", 1);

    assertThatThrownBy(() -> builder.count("Batches", 2))
        .hasMessage("Cannot add metric Batches: it was added before");
    assertThatThrownBy(() -> builder.metric("Mean", MetricUnit.NONE, Double.NaN))
        .hasMessage("Cannot add metric Mean: its value NaN is not a finite number");
    assertThatThrownBy(() -> builder.metric("bad name", MetricUnit.NONE, 1))
        .hasMessageStartingWith("Cannot use metric name bad name: it must match");
    MetricsDocument.Builder clash =
        MetricsDocument.builder("Strata", AT).dimension("Lake", "x").count("Lake", 1);
    assertThatThrownBy(clash::build)
        .hasMessage("Cannot build metrics of Strata: Lake is a dimension too");
  }

  @Test
  void refusesDocumentWithoutMetrics() {
    assertThatThrownBy(() -> MetricsDocument.builder("Strata", AT).build())
        .hasMessage("Cannot build metrics of Strata: no metric");
  }
}
