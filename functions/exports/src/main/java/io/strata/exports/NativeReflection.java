package io.strata.exports;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.strata.core.export.ExportManifest;
import io.strata.core.query.QueryLabel;

/**
 * Registers for reflection what Jackson reads and writes in a native image: the EventBridge event,
 * the handler's answer, the manifest the finisher writes and reads back, and the label it reads
 * from the statement.
 */
@RegisterForReflection(
    targets = {
      AthenaStateChange.class,
      AthenaStateChange.Detail.class,
      ExportOutcome.class,
      ExportOutcome.Action.class,
      ExportManifest.class,
      QueryLabel.class
    })
final class NativeReflection {

  private NativeReflection() {}
}
