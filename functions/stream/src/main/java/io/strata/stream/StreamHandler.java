package io.strata.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.strata.aws.stream.KinesisEventProcessor;
import jakarta.inject.Inject;

/**
 * The stream Lambda: batches of a dataset's Kinesis stream from Lambda's event source mapping (with
 * {@code ReportBatchItemFailures}). It only adapts; the work is the shared {@link
 * KinesisEventProcessor}. Poison records are quarantined and count as done; a batch that could not
 * complete is answered as a batch item failure, so Lambda retries it from its first record.
 */
public class StreamHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

  @Inject KinesisEventProcessor processor;

  @Override
  public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
    return processor.process(event).response();
  }
}
