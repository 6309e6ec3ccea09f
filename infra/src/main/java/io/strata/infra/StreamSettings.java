package io.strata.infra;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Node;

/**
 * The streaming layer's settings, read from CDK context like {@link StrataConfig} (kept apart so
 * the stream keys travel together). Streams cost by the hour, so none is deployed until {@code
 * strata:streamDatasets} names the datasets that get one.
 *
 * @param datasets the datasets that get a Kinesis stream {@code <prefix><dataset>}; empty deploys
 *     no stream and no stream function
 * @param zip the stream function's zip
 * @param batchSize most records per invocation (one snapshot), 1 to 10000
 * @param batchWindowSeconds longest the mapping gathers records before it invokes, 0 to 300
 * @param retryAttempts retries of a failed batch before it goes to the dead-letter queue
 * @param maxRecordAgeSeconds records older than this go to the dead-letter queue unprocessed
 * @param iteratorAgeAlarmSeconds age of the oldest unread record that raises the alarm
 * @param memoryMb the stream function's memory
 */
public record StreamSettings(
    List<String> datasets,
    Path zip,
    int batchSize,
    int batchWindowSeconds,
    int retryAttempts,
    int maxRecordAgeSeconds,
    int iteratorAgeAlarmSeconds,
    int memoryMb) {

  /** Context keys and their defaults. */
  public static final Map<String, Object> DEFAULTS = defaults();

  public StreamSettings {
    datasets = List.copyOf(datasets);
    require(batchSize >= 1 && batchSize <= 10_000, "strata:streamBatchSize", batchSize);
    require(
        batchWindowSeconds >= 0 && batchWindowSeconds <= 300,
        "strata:streamBatchWindowSeconds",
        batchWindowSeconds);
    require(
        retryAttempts >= 0 && retryAttempts <= 10_000, "strata:streamRetryAttempts", retryAttempts);
    require(
        maxRecordAgeSeconds >= 60 && maxRecordAgeSeconds <= 604_800,
        "strata:streamMaxRecordAgeSeconds",
        maxRecordAgeSeconds);
    require(
        iteratorAgeAlarmSeconds >= 1,
        "strata:streamIteratorAgeAlarmSeconds",
        iteratorAgeAlarmSeconds);
    require(memoryMb >= 128 && memoryMb <= 10_240, "strata:streamMemoryMb", memoryMb);
  }

  /** Whether any stream is deployed. */
  public boolean enabled() {
    return !datasets.isEmpty();
  }

  /** Reads every key from the context of {@code node}, falling back to {@link #DEFAULTS}. */
  public static StreamSettings from(Node node) {
    String datasets = text(node, "strata:streamDatasets");
    return new StreamSettings(
        datasets.isEmpty()
            ? List.of()
            : Arrays.stream(datasets.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList(),
        Path.of(text(node, "strata:streamZip")),
        integer(node, "strata:streamBatchSize"),
        integer(node, "strata:streamBatchWindowSeconds"),
        integer(node, "strata:streamRetryAttempts"),
        integer(node, "strata:streamMaxRecordAgeSeconds"),
        integer(node, "strata:streamIteratorAgeAlarmSeconds"),
        integer(node, "strata:streamMemoryMb"));
  }

  private static String text(Node node, String key) {
    Object value = node.tryGetContext(key);
    return String.valueOf(value == null ? DEFAULTS.get(key) : value).trim();
  }

  private static int integer(Node node, String key) {
    String text = text(node, key);
    try {
      return Integer.parseInt(text.endsWith(".0") ? text.substring(0, text.length() - 2) : text);
    } catch (NumberFormatException e) {
      throw new StrataConfigException(
          "Cannot configure Strata: context " + key + " must be a whole number, got " + text);
    }
  }

  private static void require(boolean condition, String key, int value) {
    if (!condition) {
      throw new StrataConfigException(
          "Cannot configure Strata: context " + key + " has an invalid value " + value);
    }
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("strata:streamDatasets", "");
    defaults.put("strata:streamZip", "../functions/stream/target/function.zip");
    defaults.put("strata:streamBatchSize", 500);
    defaults.put("strata:streamBatchWindowSeconds", 10);
    defaults.put("strata:streamRetryAttempts", 10);
    defaults.put("strata:streamMaxRecordAgeSeconds", 86_400);
    defaults.put("strata:streamIteratorAgeAlarmSeconds", 300);
    defaults.put("strata:streamMemoryMb", 1024);
    return Collections.unmodifiableMap(defaults);
  }
}
