package io.strata.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.strata.aws.ingest.IngestSummary;
import io.strata.aws.ingest.S3EventProcessor;
import jakarta.inject.Inject;

/**
 * The ingest Lambda: S3 {@code ObjectCreated} events on the raw bucket. It only adapts; the work is
 * the shared {@link S3EventProcessor}. A failed record fails the invocation after the others ran,
 * so Lambda retries it; records already committed are then recognised and left alone.
 */
public class IngestHandler implements RequestHandler<S3Event, IngestSummary> {

  @Inject S3EventProcessor processor;

  @Override
  public IngestSummary handleRequest(S3Event event, Context context) {
    return processor.process(event);
  }
}
