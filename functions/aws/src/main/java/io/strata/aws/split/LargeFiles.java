package io.strata.aws.split;

import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.RawObjectRef;
import java.util.Optional;

/**
 * Takes the objects too large for one invocation: in AWS it starts the large-file state machine, in
 * the local lake it ingests them in ranges on a thread pool.
 */
public interface LargeFiles {

  /**
   * @return what became of the object when it is large, or empty when it is to be ingested whole by
   *     the caller as usual
   */
  Optional<IngestResult> take(RawObjectRef raw);
}
