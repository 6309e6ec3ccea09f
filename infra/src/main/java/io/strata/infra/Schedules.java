package io.strata.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The EventBridge schedules that run a lake function: an invocation EventBridge cannot deliver is
 * retried for up to an hour, then left in the function's dead-letter queue, where its alarm sees
 * it.
 */
final class Schedules {

  private Schedules() {}

  /**
   * A rule {@code Schedule} in {@code scope} invoking the function at the rate, retried twice
   * within an hour, then sent to the dead-letter queue; EventBridge may use the queue's key for
   * that.
   *
   * @param deadLetterQueue a queue of {@link DeadLetterQueues}, encrypted with the lake key
   */
  static Rule create(
      Construct scope,
      String description,
      Duration rate,
      LakeFunction function,
      Queue deadLetterQueue) {
    Rule rule =
        Rule.Builder.create(scope, "Schedule")
            .description(description)
            .schedule(Schedule.rate(rate))
            .targets(
                List.of(
                    LambdaFunction.Builder.create(function.function())
                        .retryAttempts(2)
                        .maxEventAge(Duration.hours(1))
                        .deadLetterQueue(deadLetterQueue)
                        .build()))
            .build();
    KeyUse.allowEventBridgeRules(deadLetterQueue.getEncryptionMasterKey());
    return rule;
  }
}
