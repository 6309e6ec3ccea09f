package io.strata.stream;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.strata.core.history.WrittenFile;
import io.strata.core.ingest.BatchManifest;
import io.strata.core.ingest.StreamQuarantineReport;
import io.strata.core.validate.Violation;

/**
 * Registers for reflection what Jackson reads and writes in a native image: the Kinesis event and
 * the batch item failure response, the manifests and quarantine reports the core writes.
 */
@RegisterForReflection(
    targets = {
      KinesisEvent.class,
      KinesisEvent.KinesisEventRecord.class,
      KinesisEvent.Record.class,
      StreamsEventResponse.class,
      StreamsEventResponse.BatchItemFailure.class,
      BatchManifest.class,
      StreamQuarantineReport.class,
      StreamQuarantineReport.PoisonRecord.class,
      Violation.class,
      WrittenFile.class
    })
final class NativeReflection {

  private NativeReflection() {}
}
