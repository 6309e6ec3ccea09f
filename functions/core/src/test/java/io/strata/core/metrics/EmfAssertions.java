package io.strata.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a log line against CloudWatch's embedded metric format: one JSON object whose {@code _aws}
 * member has a numeric Timestamp and directives with a Namespace, dimension sets naming root string
 * members, and metric definitions (Name, Unit) naming root numeric members.
 */
public final class EmfAssertions {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> UNITS = Set.of("Count", "Milliseconds", "Bytes", "None");

  private EmfAssertions() {}

  /** Parses and checks the line; returns its root object. */
  public static JsonNode validEmf(String line) {
    assertThat(line).doesNotContain("\n").startsWith("{").endsWith("}");
    JsonNode root;
    try {
      root = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
    JsonNode aws = root.get("_aws");
    assertThat(aws).as("_aws of %s", line).isNotNull();
    assertThat(aws.get("Timestamp").isIntegralNumber()).as("Timestamp is a number").isTrue();
    JsonNode directives = aws.get("CloudWatchMetrics");
    assertThat(directives.isArray() && !directives.isEmpty()).isTrue();
    for (JsonNode directive : directives) {
      assertThat(directive.get("Namespace").asText()).isNotBlank();
      Set<String> metricNames = new HashSet<>();
      for (JsonNode metric : directive.get("Metrics")) {
        String name = metric.get("Name").asText();
        assertThat(metricNames.add(name)).as("metric %s defined once", name).isTrue();
        assertThat(metric.get("Unit").asText()).isIn(UNITS);
        assertThat(root.get(name)).as("value of metric %s", name).isNotNull();
        assertThat(root.get(name).isNumber()).as("metric %s is a number", name).isTrue();
      }
      assertThat(metricNames).isNotEmpty();
      JsonNode sets = directive.get("Dimensions");
      assertThat(sets.isArray()).isTrue();
      for (JsonNode set : sets) {
        assertThat(set.isArray()).isTrue();
        assertThat(set.size()).isLessThanOrEqualTo(30);
        for (JsonNode dimension : set) {
          JsonNode value = root.get(dimension.asText());
          assertThat(value).as("value of dimension %s", dimension).isNotNull();
          assertThat(value.isTextual()).as("dimension %s is a string", dimension).isTrue();
          assertThat(metricNames).doesNotContain(dimension.asText());
        }
      }
    }
    return root;
  }

  /** The dimension sets of the first directive, each as a set of names. */
  public static Set<Set<String>> dimensionSets(JsonNode root) {
    Set<Set<String>> sets = new HashSet<>();
    for (JsonNode set : root.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions")) {
      Set<String> names = new HashSet<>();
      set.forEach(n -> names.add(n.asText()));
      sets.add(names);
    }
    return sets;
  }

  /** The unit a document gives a metric. */
  public static String unitOf(JsonNode root, String metric) {
    for (JsonNode m : root.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics")) {
      if (m.get("Name").asText().equals(metric)) {
        return m.get("Unit").asText();
      }
    }
    throw new AssertionError("no metric " + metric);
  }
}
