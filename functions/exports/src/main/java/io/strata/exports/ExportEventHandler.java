package io.strata.exports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Inject;

/**
 * The export finisher Lambda: Athena's "Query State Change" events, delivered by the EventBridge
 * rule the CDK app sets on the lake's workgroup. It only adapts; {@link StateChangeFinisher} does
 * the work. An error (Athena or S3 unreachable) fails the invocation so that Lambda retries it; the
 * manifest is written exactly once however often it runs.
 */
public class ExportEventHandler implements RequestHandler<AthenaStateChange, ExportOutcome> {

  @Inject StateChangeFinisher finisher;

  @Override
  public ExportOutcome handleRequest(AthenaStateChange event, Context context) {
    return finisher.finish(event);
  }
}
