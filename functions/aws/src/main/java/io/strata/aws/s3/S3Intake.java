package io.strata.aws.s3;

import io.strata.core.ingest.RawObjectRef;
import java.util.List;
import java.util.Objects;

/**
 * What one S3 event brings in: the raw objects to ingest, in record order, and the records that
 * were passed over.
 */
public record S3Intake(List<RawObjectRef> objects, List<SkippedRecord> skipped) {

  public S3Intake {
    objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
    skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
  }
}
