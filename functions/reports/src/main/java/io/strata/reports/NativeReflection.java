package io.strata.reports;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for reflection what Jackson reads and writes in a native image: the S3 notification or
 * scheduled event and the handler's answer.
 */
@RegisterForReflection(
    targets = {
      RefreshEvent.class,
      RefreshEvent.Record.class,
      RefreshEvent.S3.class,
      RefreshEvent.Bucket.class,
      RefreshEvent.S3Object.class,
      RefreshOutcome.class
    })
final class NativeReflection {

  private NativeReflection() {}
}
