package io.strata.core.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes metrics documents as log lines of their own category. The functions print this category
 * bare (one JSON object per line, no JSON log envelope around it), because CloudWatch Logs only
 * extracts metrics from a log event that is the embedded-metric-format object itself.
 */
public final class MetricsLog {

  /** The log category of the metric lines; each function prints it with the format {@code %s%n}. */
  public static final String CATEGORY = "io.strata.metrics";

  /** The namespace of every Strata metric. */
  public static final String NAMESPACE = "Strata";

  private static final Logger LOG = LoggerFactory.getLogger(CATEGORY);

  private MetricsLog() {}

  /** Writes the document as one line. */
  public static void emit(MetricsDocument document) {
    if (LOG.isInfoEnabled()) {
      LOG.info("{}", document.toJson());
    }
  }
}
