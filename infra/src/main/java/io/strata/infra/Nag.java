package io.strata.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.IConstruct;

/** cdk-nag suppressions, each with the reason the finding does not apply, written at its cause. */
final class Nag {

  private Nag() {}

  /** Suppresses a rule on the construct and its children, for every finding of the rule. */
  static void suppress(IConstruct construct, String rule, String reason) {
    NagSuppressions.addResourceSuppressions(
        construct, List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
  }

  /** Suppresses a rule on the construct and its children for the listed findings only. */
  static void suppress(IConstruct construct, String rule, String reason, List<String> appliesTo) {
    NagSuppressions.addResourceSuppressions(
        construct,
        List.of(NagPackSuppression.builder().id(rule).reason(reason).appliesTo(appliesTo).build()),
        true);
  }

  /** Suppresses a rule on the construct and its children for findings matching a regex. */
  static void suppressMatching(IConstruct construct, String rule, String reason, String regex) {
    NagSuppressions.addResourceSuppressions(
        construct,
        List.of(
            NagPackSuppression.builder()
                .id(rule)
                .reason(reason)
                .appliesTo(List.of(RegexAppliesTo.builder().regex(regex).build()))
                .build()),
        true);
  }

  /** cdk-nag's name of "every object of this bucket", {@code Resource::<LogicalId.Arn>/*}. */
  static String objectsOf(IBucket bucket) {
    CfnElement resource = (CfnElement) bucket.getNode().getDefaultChild();
    return "Resource::<" + Stack.of(bucket).resolve(resource.getLogicalId()) + ".Arn>/*";
  }

  /** cdk-nag's name of an ARN built from the partition, region and account of the stack. */
  static String arnIn(String service, String resource) {
    return "Resource::arn:<AWS::Partition>:"
        + service
        + ":<AWS::Region>:<AWS::AccountId>:"
        + resource;
  }
}
