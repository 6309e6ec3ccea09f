package io.strata.aws.ingest;

import io.strata.core.ingest.IngestResult;
import java.util.List;

/**
 * What one S3 event became: a result per object, and the records that were skipped (not an {@code
 * ObjectCreated} event) with why.
 */
public record IngestSummary(List<IngestResult> results, List<String> skipped) {

  public IngestSummary {
    results = List.copyOf(results);
    skipped = List.copyOf(skipped);
  }
}
