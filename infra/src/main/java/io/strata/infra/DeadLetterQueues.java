package io.strata.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** The dead-letter queues of the functions Strata invokes asynchronously. */
final class DeadLetterQueues {

  private DeadLetterQueues() {}

  /**
   * A queue {@code DeadLetterQueue} in {@code scope}: encrypted with the lake key, TLS only,
   * keeping messages 14 days (SQS's longest).
   *
   * @param function the function whose failed invocations it holds, for the nag suppression
   */
  static Queue create(Construct scope, IKey key, String function) {
    Queue queue =
        Queue.Builder.create(scope, "DeadLetterQueue")
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    Nag.suppress(
        queue,
        "AwsSolutions-SQS3",
        "This queue is the dead-letter queue (Lambda on-failure destination) of the " + function);
    return queue;
  }
}
