package io.strata.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * Finishes exports server-side: an EventBridge rule sends Athena's "Query State Change" events of
 * the lake's workgroup, final states only, to the export finisher function, which writes the
 * manifest of every export that succeeded whether or not anyone polls it. Its role reads the
 * query's execution in that workgroup, lists and reads the exports, writes only their {@code
 * manifest.json}, and reads the Athena results an UNLOAD's row count comes from; nothing else.
 */
public final class ExportEvents extends Construct {

  /** Athena's event source and detail type of a query's state change. */
  public static final String SOURCE = "aws.athena";

  public static final String DETAIL_TYPE = "Athena Query State Change";

  /** The states after which a query never changes again. */
  public static final List<String> FINAL_STATES = List.of("SUCCEEDED", "FAILED", "CANCELLED");

  /**
   * Athena actions of the finisher, on the lake's workgroup only: what the query was and, for an
   * UNLOAD, how many rows it wrote.
   */
  public static final List<String> ATHENA_ACTIONS =
      List.of("athena:GetQueryExecution", "athena:GetQueryResults");

  /** The only objects the finisher writes. */
  public static final String MANIFESTS = LakeBuckets.EXPORTS_PREFIX + "*/manifest.json";

  /**
   * Settings of the finisher.
   *
   * @param zip the {@code functions/exports} zip
   */
  public record Props(
      FunctionZip zip,
      Architecture architecture,
      LakeBuckets buckets,
      LakeCatalog catalog,
      RetentionDays logRetention) {}

  private final LakeFunction function;
  private final Queue deadLetterQueue;
  private final Rule rule;

  public ExportEvents(Construct scope, String id, Props props) {
    super(scope, id);
    LakeBuckets buckets = props.buckets();
    deadLetterQueue = DeadLetterQueues.create(this, buckets.key(), "export finisher");
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("STRATA_ANALYTICS_BUCKET", buckets.analytics().getBucketName());
    environment.put("STRATA_ATHENA_WORKGROUP", props.catalog().workGroupName());
    environment.put("STRATA_CATALOG_DATABASE", props.catalog().databaseName());
    function =
        new LakeFunction(
            this,
            "Finisher",
            new LakeFunction.Props(
                "Strata export finisher: Athena's query state changes -> export manifests",
                props.zip(),
                props.architecture(),
                512,
                512,
                Duration.seconds(60),
                0,
                environment,
                props.logRetention(),
                new SqsDestination(deadLetterQueue),
                2));
    buckets.analytics().grantRead(function.function(), LakeBuckets.EXPORTS_PREFIX + "*");
    buckets.analytics().grantRead(function.function(), LakeBuckets.ATHENA_RESULTS_PREFIX + "*");
    buckets.analytics().grantPut(function.function(), MANIFESTS);
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(ATHENA_ACTIONS)
            .resources(List.of(props.catalog().workGroupArn()))
            .build());
    rule =
        Rule.Builder.create(this, "QueryStateChange")
            .description(
                "Athena queries of the lake's workgroup that are done, for the export finisher")
            .eventPattern(
                EventPattern.builder()
                    .source(List.of(SOURCE))
                    .detailType(List.of(DETAIL_TYPE))
                    .detail(
                        Map.of(
                            "workgroupName",
                            List.of(props.catalog().workGroupName()),
                            "currentState",
                            FINAL_STATES))
                    .build())
            .targets(
                List.of(
                    LambdaFunction.Builder.create(function.function())
                        .retryAttempts(8)
                        .maxEventAge(Duration.hours(6))
                        .build()))
            .build();
    Nag.suppress(
        function,
        "AwsSolutions-IAM5",
        "CDK's bucket grants: read the exports and the Athena results of the analytics bucket (the"
            + " files an export holds, the row count of its UNLOAD), put only export manifests,"
            + " KMS data-key actions on the lake key",
        List.of(
            "Action::s3:GetObject*",
            "Action::s3:GetBucket*",
            "Action::s3:List*",
            "Action::s3:Abort*",
            "Action::kms:GenerateDataKey*",
            "Action::kms:ReEncrypt*",
            Nag.objectsOf(buckets.analytics(), LakeBuckets.EXPORTS_PREFIX + "*"),
            Nag.objectsOf(buckets.analytics(), LakeBuckets.ATHENA_RESULTS_PREFIX + "*"),
            Nag.objectsOf(buckets.analytics(), MANIFESTS)));
  }

  public LakeFunction function() {
    return function;
  }

  public Queue deadLetterQueue() {
    return deadLetterQueue;
  }

  public Rule rule() {
    return rule;
  }
}
