package io.strata.core.ingest;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One stream per dataset: the stream {@code <prefix><dataset>} carries the records of that dataset
 * only, so a stream's name says which contract its records follow, producers are granted the
 * streams of their datasets alone, and each dataset's stream scales (shards) on its own.
 */
public final class StreamNames {

  private static final Pattern DATASET = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern STREAM_ARN =
      Pattern.compile("arn:[a-z-]+:kinesis:[^:]*:[0-9]*:stream/([A-Za-z0-9_.-]+)");

  private StreamNames() {}

  /** The stream that carries a dataset's records. */
  public static String streamOf(String prefix, String dataset) {
    return prefix + dataset;
  }

  /** The dataset a stream name carries, when it has the prefix and names a dataset. */
  public static Optional<String> datasetOf(String prefix, String stream) {
    if (!stream.startsWith(prefix) || stream.length() == prefix.length()) {
      return Optional.empty();
    }
    String candidate = stream.substring(prefix.length());
    return DATASET.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
  }

  /** The stream name of a Kinesis stream ARN ({@code arn:aws:kinesis:…:stream/<name>}). */
  public static Optional<String> fromArn(String arn) {
    if (arn == null) {
      return Optional.empty();
    }
    var matcher = STREAM_ARN.matcher(arn);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
