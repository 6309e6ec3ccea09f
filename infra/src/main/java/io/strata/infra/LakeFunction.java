package io.strata.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A Strata Lambda from a Quarkus {@code function.zip}: runtime chosen from the zip, its own log
 * group with retention, X-Ray tracing, and a role of its own that starts with nothing but writing
 * to that log group (no managed policies).
 */
public final class LakeFunction extends Construct {

  /**
   * Settings of the function.
   *
   * @param reservedConcurrency reserved concurrent executions; 0 reserves none
   * @param onFailure where failed asynchronous invocations go; null for none
   * @param retryAttempts retries of a failed asynchronous invocation (0 to 2)
   */
  public record Props(
      String description,
      FunctionZip zip,
      Architecture architecture,
      int memoryMb,
      int ephemeralStorageMb,
      Duration timeout,
      int reservedConcurrency,
      Map<String, String> environment,
      RetentionDays logRetention,
      IDestination onFailure,
      int retryAttempts) {}

  private final Function function;
  private final Role role;
  private final LogGroup logGroup;

  public LakeFunction(Construct scope, String id, Props props) {
    super(scope, id);
    logGroup = LogGroup.Builder.create(this, "Logs").retention(props.logRetention()).build();
    role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description(props.description())
            .build();
    logGroup.grantWrite(role);
    Function.Builder builder =
        Function.Builder.create(this, "Function")
            .description(props.description())
            .code(Code.fromAsset(props.zip().path().toString()))
            .runtime(props.zip().runtime())
            .handler(props.zip().handler())
            .architecture(props.architecture())
            .memorySize(props.memoryMb())
            .ephemeralStorageSize(Size.mebibytes(props.ephemeralStorageMb()))
            .timeout(props.timeout())
            .environment(props.environment())
            .role(role)
            .logGroup(logGroup)
            .tracing(Tracing.ACTIVE);
    if (props.reservedConcurrency() > 0) {
      builder.reservedConcurrentExecutions(props.reservedConcurrency());
    }
    if (props.onFailure() != null) {
      builder.onFailure(props.onFailure()).retryAttempts(props.retryAttempts());
    }
    function = builder.build();
    List<NagPackSuppression> suppressions = new ArrayList<>();
    suppressions.add(
        NagPackSuppression.builder()
            .id("AwsSolutions-IAM5")
            .reason(
                "X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level"
                    + " permissions, so tracing needs Resource *")
            .appliesTo(List.of("Resource::*"))
            .build());
    if (!props.zip().nativeExecutable()) {
      suppressions.add(
          NagPackSuppression.builder()
              .id("AwsSolutions-L1")
              .reason(
                  "A JVM function.zip runs on java21, the runtime Strata's Quarkus functions are"
                      + " built and tested for; a native zip uses provided.al2023")
              .build());
    }
    NagSuppressions.addResourceSuppressions(this, suppressions, true);
  }

  /** Adds a statement to the function's role. */
  public void addToRolePolicy(PolicyStatement statement) {
    role.addToPrincipalPolicy(statement);
  }

  public Function function() {
    return function;
  }

  public Role role() {
    return role;
  }

  public LogGroup logGroup() {
    return logGroup;
  }
}
