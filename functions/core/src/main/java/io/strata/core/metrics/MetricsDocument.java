package io.strata.core.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One log line in CloudWatch's embedded metric format (EMF): the root object carries the dimension
 * values and the metric values, and its {@code _aws} member tells CloudWatch Logs which of them are
 * metrics ({@code CloudWatchMetrics}: namespace, dimension sets, metric names and units) and when
 * they were measured ({@code Timestamp}, epoch milliseconds). CloudWatch extracts the metrics when
 * the line arrives, so publishing costs no API call and no latency.
 *
 * <p>Dimension values are names the lake controls (lake, dataset, reason codes), never row content:
 * the builder refuses blank values and values longer than CloudWatch's 1,024 characters, and a
 * metric may not share a name with a dimension.
 */
public final class MetricsDocument {

  /** CloudWatch's limit on the dimensions of one metric. */
  static final int MAX_DIMENSIONS = 30;

  /** EMF's limit on the metrics of one directive. */
  static final int MAX_METRICS = 100;

  private static final int MAX_DIMENSION_VALUE = 1024;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,254}");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String namespace;
  private final Instant timestamp;
  private final Map<String, String> dimensions;
  private final List<List<String>> dimensionSets;
  private final Map<String, Metric> metrics;

  private MetricsDocument(Builder builder) {
    this.namespace = builder.namespace;
    this.timestamp = builder.timestamp;
    this.dimensions = Map.copyOf(builder.dimensions);
    this.dimensionSets = List.copyOf(builder.dimensionSets);
    this.metrics = new LinkedHashMap<>(builder.metrics);
  }

  /** A document in the namespace, measured at the instant. */
  public static Builder builder(String namespace, Instant timestamp) {
    return new Builder(namespace, timestamp);
  }

  /** The value of a metric of this document, for tests and callers that combine documents. */
  public double value(String metric) {
    Metric m = metrics.get(metric);
    if (m == null) {
      throw new IllegalArgumentException("No metric " + metric + " in this document");
    }
    return m.value();
  }

  /** The names of the metrics, in the order they were added. */
  public List<String> metricNames() {
    return List.copyOf(metrics.keySet());
  }

  /** The dimension values, by dimension name. */
  public Map<String, String> dimensions() {
    return dimensions;
  }

  /** The document as one line of JSON (no line break), as CloudWatch Logs must receive it. */
  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode aws = root.putObject("_aws");
    aws.put("Timestamp", timestamp.toEpochMilli());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", namespace);
    ArrayNode sets = directive.putArray("Dimensions");
    for (List<String> set : dimensionSets) {
      ArrayNode names = sets.addArray();
      set.forEach(names::add);
    }
    ArrayNode definitions = directive.putArray("Metrics");
    for (Metric metric : metrics.values()) {
      definitions
          .addObject()
          .put("Name", metric.name())
          .put("Unit", metric.unit().cloudWatchName());
    }
    // Root members in a stable order: dimensions as declared, then the metric values.
    dimensionSets.stream()
        .flatMap(List::stream)
        .distinct()
        .forEach(name -> root.put(name, dimensions.get(name)));
    for (Metric metric : metrics.values()) {
      double value = metric.value();
      if (value == Math.rint(value) && Math.abs(value) < 1e15) {
        root.put(metric.name(), (long) value);
      } else {
        root.put(metric.name(), value);
      }
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot render metrics of namespace " + namespace, e);
    }
  }

  private record Metric(String name, MetricUnit unit, double value) {}

  /** Collects dimensions, dimension sets and metrics; {@link #build} checks them together. */
  public static final class Builder {

    private final String namespace;
    private final Instant timestamp;
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final List<List<String>> dimensionSets = new ArrayList<>();
    private final Map<String, Metric> metrics = new LinkedHashMap<>();

    private Builder(String namespace, Instant timestamp) {
      if (namespace == null || namespace.isBlank() || namespace.length() > 255) {
        throw new IllegalArgumentException(
            "Cannot build metrics: the namespace must have 1 to 255 characters");
      }
      this.namespace = namespace;
      this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    }

    /** Sets a dimension's value (a lake, dataset or reason name: never row content). */
    public Builder dimension(String name, String value) {
      checkName(name, "dimension");
      if (value == null || value.isBlank() || value.length() > MAX_DIMENSION_VALUE) {
        throw new IllegalArgumentException(
            "Cannot set dimension "
                + name
                + ": its value must have 1 to "
                + MAX_DIMENSION_VALUE
                + " characters");
      }
      dimensions.put(name, value);
      return this;
    }

    /**
     * Publishes every metric under one more combination of dimensions; an empty set aggregates over
     * all of them.
     */
    public Builder dimensionSet(String... names) {
      dimensionSets.add(List.of(names));
      return this;
    }

    /** Adds a metric; a finite value, once per name. */
    public Builder metric(String name, MetricUnit unit, double value) {
      checkName(name, "metric");
      Objects.requireNonNull(unit, "unit");
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(
            "Cannot add metric " + name + ": its value " + value + " is not a finite number");
      }
      if (metrics.putIfAbsent(name, new Metric(name, unit, value)) != null) {
        throw new IllegalArgumentException("Cannot add metric " + name + ": it was added before");
      }
      return this;
    }

    /** Adds a count. */
    public Builder count(String name, long value) {
      return metric(name, MetricUnit.COUNT, value);
    }

    /** The document, once its parts agree with each other and with CloudWatch's limits. */
    public MetricsDocument build() {
      if (metrics.isEmpty()) {
        throw new IllegalStateException("Cannot build metrics of " + namespace + ": no metric");
      }
      if (metrics.size() > MAX_METRICS) {
        throw new IllegalStateException(
            "Cannot build metrics of " + namespace + ": more than " + MAX_METRICS + " metrics");
      }
      if (dimensionSets.isEmpty()) {
        dimensionSets.add(List.copyOf(dimensions.keySet()));
      }
      for (List<String> set : dimensionSets) {
        if (set.size() > MAX_DIMENSIONS) {
          throw new IllegalStateException(
              "Cannot build metrics of " + namespace + ": a set has more than 30 dimensions");
        }
        for (String name : set) {
          if (!dimensions.containsKey(name)) {
            throw new IllegalStateException(
                "Cannot build metrics of " + namespace + ": dimension " + name + " has no value");
          }
        }
      }
      for (String name : metrics.keySet()) {
        if (dimensions.containsKey(name) || name.equals("_aws")) {
          throw new IllegalStateException(
              "Cannot build metrics of " + namespace + ": " + name + " is a dimension too");
        }
      }
      return new MetricsDocument(this);
    }

    private static void checkName(String name, String what) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "Cannot use " + what + " name " + name + ": it must match " + NAME.pattern());
      }
    }
  }
}
