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

  /**
   * JVM options of a data-path function: C2 compiles the hot code. Lambda's Java 17 and 21 runtimes
   * stop tiered compilation at level 1 (C1) unless told otherwise, which suits short handlers; the
   * ingest path ran 2.1× slower that way in the benchmark's probe (200 MB file, warm: 7.0 s against
   * 3.3 s) and 2.3× slower on its first file. AWS's Java customization guide recommends level 4 for
   * compute-intensive functions.
   */
  static final String FULL_JIT = "-XX:+TieredCompilation -XX:TieredStopAtLevel=4";

  private final FunctionZip zip;
  private final Function function;
  private final Role role;
  private final LogGroup logGroup;

  public LakeFunction(Construct scope, String id, Props props) {
    super(scope, id);
    zip = props.zip();
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

  /**
   * For functions that parse and write data: on the JVM, lets the JIT compile hot code with C2
   * ({@link #FULL_JIT}). A native executable is compiled ahead of time and needs nothing.
   */
  public void compileHotCodeFully() {
    if (!zip.nativeExecutable()) {
      function.addEnvironment("JAVA_TOOL_OPTIONS", FULL_JIT);
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
