package io.strata.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Lets an AWS service use the lake key on behalf of this account's resources only: the key policy
 * names the service principal and holds it to {@code aws:SourceAccount} and an {@code
 * aws:SourceArn} pattern (a confused-deputy guard), since naming the one resource would make a
 * dependency cycle (key, encrypted target, resource).
 */
final class KeyUse {

  private KeyUse() {}

  /**
   * Lets EventBridge send the events it could not deliver to a queue encrypted with the key (a
   * schedule's dead-letter queue), for rules of this account only: naming the rule would make a
   * cycle (key, queue, rule). {@link Schedules} calls this for every schedule of the lake; CDK
   * renders the one statement once however often it is added.
   */
  static void allowEventBridgeRules(IKey key) {
    allowService(
        key,
        "events.amazonaws.com",
        List.of("kms:Decrypt", "kms:GenerateDataKey"),
        ArnComponents.builder().service("events").resource("rule").resourceName("*").build());
  }

  static void allowService(
      IKey key, String servicePrincipal, List<String> actions, ArnComponents sourceArns) {
    Stack stack = Stack.of(key);
    key.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .principals(List.of(new ServicePrincipal(servicePrincipal)))
            .actions(actions)
            .resources(List.of("*"))
            .conditions(
                Map.of(
                    "StringEquals",
                    Map.of("aws:SourceAccount", stack.getAccount()),
                    "ArnLike",
                    Map.of("aws:SourceArn", stack.formatArn(sourceArns))))
            .build());
  }
}
