package io.strata.infra;

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
    // Tracing adds X-Ray's statement to the role's default policy; X-Ray's PutTraceSegments and
    // PutTelemetryRecords take no resource, so it reads Resource *. The suppression covers that
    // policy only, and the stack tests check that no other statement has a * resource.
    Nag.suppress(
        role.getNode().findChild("DefaultPolicy"),
        "AwsSolutions-IAM5",
        "X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level permissions,"
            + " so tracing needs Resource *",
        List.of("Resource::*"));
    if (!props.zip().nativeExecutable()) {
      Nag.suppress(
          function,
          "AwsSolutions-L1",
          "A JVM function.zip runs on java21, the runtime Strata's Quarkus functions are built and"
              + " tested for; a native zip uses provided.al2023");
    }
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
