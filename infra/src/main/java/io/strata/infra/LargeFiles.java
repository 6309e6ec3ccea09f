package io.strata.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.stepfunctions.Chain;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.DistributedMap;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.S3JsonItemReader;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.amazon.awscdk.services.stepfunctions.tasks.SqsSendMessage;
import software.constructs.Construct;

/**
 * The large-file state machine: objects above the split threshold are ingested in byte ranges by
 * the ingest function, step by step: plan, a Distributed Map over the ranges, the key check, a
 * second Distributed Map over the ranges to run again, and the commit. Every step retries transient
 * failures; a step that still fails sends the execution's input and error to an encrypted
 * dead-letter queue and fails the execution, and both raise an alarm. Nothing is committed before
 * the commit step, so a failed execution leaves no partial snapshot; redriving it ({@code aws
 * stepfunctions redrive-execution}) completes the file exactly once.
 *
 * <p>The state machine has a fixed name, so the ingest function knows its ARN without a reference
 * that would make the function and the state machine depend on each other.
 */
public final class LargeFiles extends Construct {

  /**
   * Ranges one Distributed Map runs at once: below the ingest function's reserved concurrency (5 by
   * default), so S3 events of small files still find an instance.
   */
  static final int MAX_CONCURRENCY = 4;

  /**
   * @param ingest the function that runs every step
   * @param buckets the lake's buckets: the history bucket holds the Distributed Maps' item lists
   * @param alarms the topic of the lake's alarms
   */
  public record Props(
      Function ingest, LakeBuckets buckets, ITopic alarms, RetentionDays logRetention) {}

  private final StateMachine stateMachine;
  private final Queue deadLetterQueue;

  public LargeFiles(Construct scope, String id, Props props) {
    super(scope, id);
    Stack stack = Stack.of(this);
    String name = stack.getStackName() + "-large-files";
    deadLetterQueue =
        DeadLetterQueues.create(this, props.buckets().key(), "large-file state machine");
    Fail failed =
        Fail.Builder.create(this, "Failed")
            .error("LargeFileIngestFailed")
            .cause("A step failed after its retries; the input waits in the dead-letter queue")
            .build();
    SqsSendMessage toDeadLetters =
        SqsSendMessage.Builder.create(this, "ToDeadLetters")
            .queue(deadLetterQueue)
            .messageBody(
                TaskInput.fromObject(
                    Map.of(
                        "execution", JsonPath.stringAt("$$.Execution.Id"),
                        "input", JsonPath.objectAt("$$.Execution.Input"),
                        "error", JsonPath.objectAt("$.error"))))
            .build();
    toDeadLetters.next(failed);

    LambdaInvoke plan = step("Plan", props.ingest(), "$.plan");
    DistributedMap ranges = ranges("Ranges", "$.itemsKey", props);
    LambdaInvoke keys = step("Keys", props.ingest(), "$.keys");
    DistributedMap reruns = ranges("Reruns", "$.rerunsKey", props);
    LambdaInvoke commit = step("Commit", props.ingest(), "$.commit");
    for (var state : List.of(plan, keys, commit)) {
      state.addCatch(toDeadLetters, catchAll());
    }
    ranges.addCatch(toDeadLetters, catchAll());
    reruns.addCatch(toDeadLetters, catchAll());
    Chain definition =
        Chain.start(plan)
            .next(ranges)
            .next(keys)
            .next(reruns)
            .next(commit)
            .next(Succeed.Builder.create(this, "Done").build());

    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .retention(props.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    stateMachine =
        StateMachine.Builder.create(this, "StateMachine")
            .stateMachineName(name)
            .definitionBody(DefinitionBody.fromChainable(definition))
            .timeout(Duration.hours(24))
            .tracingEnabled(true)
            .logs(
                LogOptions.builder()
                    .destination(logs)
                    .level(LogLevel.ALL)
                    .includeExecutionData(false)
                    .build())
            .build();
    props.buckets().history().grantRead(stateMachine, "_split/*");

    props.ingest().addEnvironment("STRATA_SPLIT_STATE_MACHINE_ARN", arn(stack, name));
    props
        .ingest()
        .addToRolePolicy(
            PolicyStatement.Builder.create()
                .actions(List.of("states:StartExecution"))
                .resources(List.of(arn(stack, name)))
                .build());

    alarm(
        "Failures",
        "A large file's ingest failed: its input waits in the state machine's dead-letter queue",
        stateMachine.metricFailed(MetricOptions.builder().period(Duration.minutes(5)).build()),
        props.alarms());
    alarm(
        "DeadLetters",
        "Large-file ingests failed and wait in the dead-letter queue",
        deadLetterQueue.metricApproximateNumberOfMessagesVisible(
            MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build()),
        props.alarms());
    Nag.suppress(
        stateMachine,
        "AwsSolutions-IAM5",
        "Distributed Map child executions of this state machine only; the history bucket's"
            + " _split/ item lists; the ingest function's versions; X-Ray and log delivery,"
            + " which take no resource");
  }

  private LambdaInvoke step(String id, Function ingest, String payload) {
    LambdaInvoke invoke =
        LambdaInvoke.Builder.create(this, id)
            .lambdaFunction(ingest)
            .payload(TaskInput.fromJsonPathAt(payload))
            .resultPath(JsonPath.DISCARD)
            .build();
    invoke.addRetry(retry());
    return invoke;
  }

  /** A Distributed Map over the range events the plan or key step listed in the history bucket. */
  private DistributedMap ranges(String id, String itemsKey, Props props) {
    DistributedMap map =
        DistributedMap.Builder.create(this, id)
            .itemReader(
                S3JsonItemReader.Builder.create()
                    .bucket(props.buckets().history())
                    .key(JsonPath.stringAt(itemsKey))
                    .build())
            .maxConcurrency(MAX_CONCURRENCY)
            .resultPath(JsonPath.DISCARD)
            .build();
    LambdaInvoke range =
        LambdaInvoke.Builder.create(this, id + "Range")
            .lambdaFunction(props.ingest())
            .payload(TaskInput.fromJsonPathAt("$"))
            .resultPath(JsonPath.DISCARD)
            .build();
    range.addRetry(retry());
    map.itemProcessor(range);
    return map;
  }

  /** Transient failures (throttling, a storage hiccup, a lost race) are tried again. */
  private static RetryProps retry() {
    return RetryProps.builder()
        .errors(List.of(Errors.ALL))
        .maxAttempts(2)
        .interval(Duration.seconds(10))
        .backoffRate(3)
        .build();
  }

  private static software.amazon.awscdk.services.stepfunctions.CatchProps catchAll() {
    return software.amazon.awscdk.services.stepfunctions.CatchProps.builder()
        .errors(List.of(Errors.ALL))
        .resultPath("$.error")
        .build();
  }

  private void alarm(
      String id,
      String description,
      software.amazon.awscdk.services.cloudwatch.IMetric metric,
      ITopic topic) {
    Alarms.atOrAbove(this, id, description, metric, 1, topic);
  }

  private static String arn(Stack stack, String name) {
    return stack.formatArn(
        software.amazon.awscdk.ArnComponents.builder()
            .service("states")
            .resource("stateMachine")
            .resourceName(name)
            .arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME)
            .build());
  }

  public StateMachine stateMachine() {
    return stateMachine;
  }

  public Queue deadLetterQueue() {
    return deadLetterQueue;
  }
}
