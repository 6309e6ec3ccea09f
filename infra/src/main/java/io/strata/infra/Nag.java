package io.strata.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.IConstruct;

/** cdk-nag suppressions, each with the reason the finding does not apply, written at its cause. */
final class Nag {

  /** The region in a cdk-nag finding: a pseudo parameter, or literal when the stack has an env. */
  static final String REGION = "(<AWS::Region>|[a-z0-9-]+)";

  /** The account in a cdk-nag finding: a pseudo parameter, or literal when the stack has an env. */
  static final String ACCOUNT = "(<AWS::AccountId>|[0-9]{12})";

  private Nag() {}

  /** Suppresses a rule on the construct and its children, for every finding of the rule. */
  static void suppress(IConstruct construct, String rule, String reason) {
    NagSuppressions.addResourceSuppressions(
        construct, List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
  }

  /**
   * Suppresses a rule on the construct and its children for the listed findings only: plain strings
   * match exactly, strings between slashes ({@code /^...$/g}) are regular expressions.
   */
  static void suppress(IConstruct construct, String rule, String reason, List<String> appliesTo) {
    List<Object> findings =
        appliesTo.stream()
            .map(
                f ->
                    f.startsWith("/")
                        ? (Object) RegexAppliesTo.builder().regex(f).build()
                        : (Object) f)
            .toList();
    NagSuppressions.addResourceSuppressions(
        construct,
        List.of(NagPackSuppression.builder().id(rule).reason(reason).appliesTo(findings).build()),
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
  /**
   * The wildcard actions of CDK's bucket and KMS grants ({@code s3:GetObject*}, …), which cdk-nag
   * reports, followed by the resources the grant also covers.
   */
  static List<String> bucketGrantFindings(String... resources) {
    List<String> findings =
        new ArrayList<>(
            List.of(
                "Action::s3:GetObject*",
                "Action::s3:GetBucket*",
                "Action::s3:List*",
                "Action::s3:DeleteObject*",
                "Action::s3:Abort*",
                "Action::kms:GenerateDataKey*",
                "Action::kms:ReEncrypt*"));
    findings.addAll(List.of(resources));
    return findings;
  }

  static String objectsOf(IBucket bucket) {
    return objectsOf(bucket, "*");
  }

  /** cdk-nag's name of the bucket's objects matching a key pattern, e.g. {@code _batches/*}. */
  static String objectsOf(IBucket bucket, String keyPattern) {
    return "Resource::<" + logicalId(bucket) + ".Arn>/" + keyPattern;
  }

  /** The resolved logical id of the construct's CloudFormation resource. */
  static String logicalId(IConstruct construct) {
    CfnElement resource = (CfnElement) construct.getNode().getDefaultChild();
    return String.valueOf(Stack.of(construct).resolve(resource.getLogicalId()));
  }

  /**
   * cdk-nag's names of every table of these Glue databases ({@code table/<database>/*}), the
   * resources a Glue statement on the databases' tables covers.
   */
  static List<String> glueTablesOf(List<String> databases) {
    return databases.stream().map(database -> arnIn("glue", "table/" + database + "/*")).toList();
  }

  /**
   * A regular expression for cdk-nag's name of an ARN of this service and resource in any region
   * and account, whether the stack's environment is given (literal) or not ({@code <AWS::Region>}).
   */
  static String arnIn(String service, String resource) {
    return "/^Resource::arn:<AWS::Partition>:"
        + service
        + ":"
        + REGION
        + ":"
        + ACCOUNT
        + ":"
        + resource.replace("/", "\\/").replace("*", "\\*")
        + "$/g";
  }
}
